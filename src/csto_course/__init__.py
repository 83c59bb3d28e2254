"""The course package: the shared dataset, figures, widgets and answer checks."""

__version__ = "0.1.0"
