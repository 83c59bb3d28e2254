"""The lessons' quick checks: each question, its options, and why each option is right or not.

They live in the package, not in the lessons' cells, so that a student reading a lesson in
JupyterLab does not find the answer printed beside the question. A lesson's cell reads
``quick_check("03-1")``: the first quick check of Lesson 3, shown as a live
:class:`~csto_course.widgets.MultipleChoice`. Keys are ``"<lesson>-<number>"``, numbered in
the order the checks appear in the lesson. The still copy saved on the site keeps the
answer and the explanations folded away ("Show the answer and why").
"""

from __future__ import annotations

from csto_course.widgets import MultipleChoice

__all__ = ["QUICK_CHECKS", "quick_check"]

#: key → (question, [(option, is it right, why)]).
QUICK_CHECKS: dict[str, tuple[str, list[tuple[str, bool, str]]]] = {
    # 01_what_happened.ipynb
    "01-1": (
        (
            "Tokayev, Putin and Xi all described the unrest as stirred up from abroad. What"
            " do the sources this course uses say about that claim?"
        ),
        [
            (
                "They confirm it: Tokayev counted 20,000 foreign terrorists.",
                False,
                (
                    "The figure of 20,000 is Tokayev's own claim, not a confirmation. "
                    "RFE/RL reported that the authorities gave no evidence for it."
                ),
            ),
            (
                (
                    "They report the claim but no evidence for it; the commentary's authors"
                    " find no support for it in what was reported from the ground."
                ),
                True,
                (
                    "Right. A claim repeated by several governments is still a claim: "
                    "RFE/RL found no evidence offered, and the authors say the same. Keep "
                    "the claim and the evidence apart."
                ),
            ),
            (
                "They show that the protests were organised by the SCO.",
                False,
                (
                    "No source says so. The SCO's anti-terrorist structure only said it was"
                    " ready to help Kazakhstan if asked."
                ),
            ),
            (
                "They do not mention the claim at all.",
                False,
                (
                    "They do: Tokayev's, Putin's and Xi's statements are all recorded, with"
                    " their sources, in the events and actors tables."
                ),
            ),
        ],
    ),
    # 01_what_happened.ipynb
    "01-2": (
        (
            "The commentary gave 'over 150' deaths on 14 January 2022; the final official "
            "figure is 238. Which statement fits the sources best?"
        ),
        [
            (
                "The authors miscounted: the official figure on the day they wrote was 238.",
                False,
                (
                    "No: on 14 January no official figure that high existed. The first "
                    "official toll, 225, came a day later, and 238 only in August 2022."
                ),
            ),
            (
                (
                    "The authors used the figure then circulating; the official toll was "
                    "revised upwards several times after they wrote."
                ),
                True,
                (
                    "Right. 'Over 150' matches the 164 posted (and withdrawn) on 9 January;"
                    " the official figures then went 225, 230 and finally 238. An early "
                    "figure is not a wrong figure, but it should be read as early."
                ),
            ),
            (
                "The later figures are the opposition's and should be ignored.",
                False,
                (
                    "All the later figures in the table are official (the Prosecutor "
                    "General's Office). Rights groups say the true toll is higher still."
                ),
            ),
            (
                "The toll rose because the fighting went on after 14 January.",
                False,
                (
                    "The sources do not say so: the amnesty law dates the violent phase to "
                    "4-7 January, a week before the commentary. The later figures are later"
                    " counts of the same days."
                ),
            ),
        ],
    ),
    # 02_csto_article4.ipynb
    "02-1": (
        (
            "The commentary says the CSTO was 'created in 1992'. Which statement is the "
            "most accurate?"
        ),
        [
            (
                "It is right as it stands: the organization was founded in 1992.",
                False,
                (
                    "Not quite. What was signed in 1992 was the treaty. The organization, "
                    "with its Charter, dates from 2002."
                ),
            ),
            (
                (
                    "The treaty was signed in 1992 and came into force in 1994; the "
                    "organization was set up in 2002."
                ),
                True,
                (
                    "Right. The authors' date is true of the treaty, not of the "
                    "organization: a nuance, not an error that changes their argument."
                ),
            ),
            (
                "It is wrong: both the treaty and the organization date from 2002.",
                False,
                (
                    "No: the treaty was signed in Tashkent on 15 May 1992. Only the "
                    "organization dates from 2002."
                ),
            ),
            (
                "The treaty came into force in 1992.",
                False,
                "It was signed in 1992 but came into force only on 20 April 1994.",
            ),
        ],
    ),
    # 02_csto_article4.ipynb
    "02-2": (
        "Which situation is Article 4 of the Collective Security Treaty written for?",
        [
            (
                "An act of aggression against a member by another state or group of states.",
                True,
                (
                    "Right. Article 4 is a collective-defence clause, like NATO's Article "
                    "5: an attack on one member counts as an attack on all. That is why "
                    "using it against unrest at home was new."
                ),
            ),
            (
                "Any protest that a member's government considers a threat.",
                False,
                (
                    "The text speaks of aggression by a state or group of states, not of "
                    "protests. Treating the unrest as outside interference was the "
                    "governments' claim."
                ),
            ),
            (
                "Consultations among the members, with no promise of help.",
                False,
                ("That is Article 2. Article 4 promises assistance, military assistance included."),
            ),
            (
                "An attack by a member on a state outside the alliance.",
                False,
                (
                    "No: Article 4 is about defending a member that is attacked, not about "
                    "backing a member that attacks."
                ),
            ),
        ],
    ),
    # 02_csto_article4.ipynb
    "02-3": (
        (
            "Which piece of evidence speaks most directly against the idea that January "
            "2022 ended the CSTO's 'paper tiger' reputation?"
        ),
        [
            (
                (
                    "Armenia's request for military help in September 2022 brought only a "
                    "monitoring mission."
                ),
                True,
                (
                    "Right. The charge was that the CSTO does not come to a member's aid "
                    "when it matters; a member facing an outside threat asked, and got no "
                    "troops. That is the case Article 4 was written for."
                ),
            ),
            (
                "The CSTO force had left Kazakhstan by 19 January 2022.",
                False,
                (
                    "A quick, complete withdrawal shows an operation that went to plan; it "
                    "does not show the alliance failing a member."
                ),
            ),
            (
                "The Secretary General reported that the mission had no losses.",
                False,
                (
                    "No losses is evidence of a smooth operation, which fits the new image "
                    "rather than the old charge."
                ),
            ),
            (
                "Putin called the mission 'the first such action of the CSTO forces'.",
                False,
                (
                    "Putin's words underline that the deployment was new. They are a claim "
                    "about novelty, not evidence that the alliance fails its members."
                ),
            ),
        ],
    ),
    # 03_motives.ipynb
    "03-1": (
        "Why does the commentary's 18 % differ from the 15.54 % of the 2021 census?",
        [
            (
                (
                    "The authors relied on official estimates made before the census; the "
                    "census counted fewer ethnic Russians than those estimates."
                ),
                True,
                (
                    "Right. The 3.5 million matches the official estimate for 2020 "
                    "(3,512,925); the census, taken in 2021, counted 2,981,946. An estimate"
                    " carries an older count forward; a census counts again."
                ),
            ),
            (
                (
                    "The authors made an arithmetic slip: 3.5 million is not 18 % of "
                    "Kazakhstan's population."
                ),
                False,
                (
                    "Not so. With about 19 million inhabitants (Kazakhstan's official "
                    "figure for 1 January 2022 is 19.122 million), 3.5 million is a little "
                    "over 18 %. The commentary's two figures agree with each other; they "
                    "are just older than the census."
                ),
            ),
            (
                "The census counted only citizens, while the estimate counted all residents.",
                False,
                (
                    "Nothing in the course's sources says so. Beware of explanations that "
                    "sound plausible but are not in the evidence: the sources show only "
                    "that one figure is a pre-census estimate and the other the census "
                    "count."
                ),
            ),
            (
                "The 18 % measures Russian speakers, not ethnic Russians.",
                False,
                (
                    "The commentary speaks of ethnic Russians, and the estimate it matches "
                    "counts ethnic Russians too. Russian speakers are a different group, "
                    "which no source here measures."
                ),
            ),
        ],
    ),
    # 03_motives.ipynb
    "03-2": (
        "What is Baikonur today, according to the course's sources?",
        [
            (
                "A Russian military test range, the '5th Space Test Range'",
                False,
                (
                    "That was its status until 2008: State Test Range No. 5 was disbanded "
                    "by decree on 30 April 2008."
                ),
            ),
            (
                "A cosmodrome leased to Russia and run by its civilian space agency, Roscosmos",
                True,
                (
                    "Right. The site passed to Roscosmos in 2008; Russia leases about 6,000"
                    " km² there until 2050 (CIA)."
                ),
            ),
            (
                "Kazakh territory with no Russian presence",
                False,
                (
                    "No: Russia leases the site until 2050 and pays about US$115 million a "
                    "year for it."
                ),
            ),
            (
                "One of the four test ranges Kazakhstan leased to Russia in 2007",
                False,
                "The 2007 agreements leased four test ranges and treated Baikonur separately.",
            ),
        ],
    ),
    # 03_motives.ipynb
    "03-3": (
        "The commentary puts 'our states' in quotation marks. What do the sources show?",
        [
            (
                "Putin used exactly these words.",
                False,
                (
                    "TASS's English report uses different words ('our domain'), and the "
                    "fact sheet classes the commentary's wording as a paraphrase."
                ),
            ),
            (
                (
                    "The words are the authors' rendering; TASS quotes Putin on 'our "
                    "domain' and 'the so-called color revolution scenarios'."
                ),
                True,
                (
                    "Right. The fact sheet classes the commentary's wording as a "
                    "paraphrase, and English renderings of Putin's Russian differ, so no "
                    "argument should rest on one English word."
                ),
            ),
            (
                "Putin did not mention colour revolutions at the summit.",
                False,
                (
                    "He did: TASS (10 January 2022) quotes him on 'the so-called color "
                    "revolution scenarios'."
                ),
            ),
            (
                "The words come from Xi Jinping's message, not from Putin.",
                False,
                (
                    "Xi's message of 7 January also spoke of 'color revolutions', but the "
                    "words the commentary gives Putin belong to the CSTO summit of 10 "
                    "January."
                ),
            ),
        ],
    ),
    # 04_consequences.ipynb
    "04-1": (
        (
            "Which statement best describes Kazakhstan's multi-vector foreign policy, and "
            "what the authors think the intervention did to it?"
        ),
        [
            (
                (
                    "Kazakhstan keeps ties with Russia, China, the West and others so as "
                    "not to depend on one power; relying on mainly Russian troops tilted "
                    "the balance towards Moscow."
                ),
                True,
                (
                    "Right. The authors see the balance upset because the help came from a "
                    "Russia-led force rather than, for example, the SCO, which includes "
                    "China."
                ),
            ),
            (
                (
                    "Kazakhstan asked Russia, China and the West for troops, and all three "
                    "sent some."
                ),
                False,
                (
                    "Only the Russia-led CSTO sent troops. The SCO and Turkey offered help "
                    "that Kazakhstan did not take up, and the course's sources record no "
                    "Western offer."
                ),
            ),
            (
                "Multi-vector means that Kazakhstan trades only with its neighbours.",
                False,
                (
                    "The term describes a foreign policy of balancing between powers, not a"
                    " trade pattern; and in 2019 Italy, not a neighbour, was its "
                    "second-largest export market (CIA)."
                ),
            ),
            (
                (
                    "The authors argue that the intervention brought Kazakhstan closer to "
                    "China and the West."
                ),
                False,
                (
                    "They argue the reverse: Russia's clout grows, while that of the West "
                    "and China may weaken."
                ),
            ),
        ],
    ),
    # 04_consequences.ipynb
    "04-2": (
        (
            "Which of these statements do the course's sources establish, rather than only "
            "report as a claim?"
        ),
        [
            (
                "Belarus sent soldiers abroad for the first time in January 2022.",
                False,
                (
                    "This is the authors' claim. The sources confirm the deployment, but "
                    "none says it was Belarus's first abroad; the defence ministry spoke of"
                    " a 'unique experience'."
                ),
            ),
            (
                (
                    "Belarus sent a peacekeeping company of the 103rd Airborne Brigade to "
                    "guard a military airfield."
                ),
                True,
                (
                    "Right: Belsat reported it from the Belarusian defence ministry on 6 "
                    "January 2022."
                ),
            ),
            (
                "Armenia sent exactly 70 soldiers.",
                False,
                "70 was an early report; Armenia's defence ministry sent 100.",
            ),
            (
                "Pashinyan's role proves that Russia controls Armenia.",
                False,
                (
                    "His role is confirmed (he chaired the Collective Security Council), "
                    "but 'proves that Russia controls' goes beyond the evidence; even the "
                    "authors say only that it 'arguably' shows influence."
                ),
            ),
        ],
    ),
    # 04_consequences.ipynb
    "04-3": (
        (
            "On 17 June 2022 Tokayev, beside Putin, refused to recognise the DPR and LPR. "
            "What does this show about the authors' thesis of growing dependence on Moscow?"
        ),
        [
            (
                "It refutes the thesis: Kazakhstan did not become more dependent on Russia.",
                False,
                (
                    "Too strong. One refusal on one issue does not measure dependence as a "
                    "whole; it shows a limit to Moscow's influence, not its absence."
                ),
            ),
            (
                (
                    "Whatever Kazakhstan's dependence, it did not mean siding with Moscow "
                    "on everything."
                ),
                True,
                (
                    "Right: the refusal tests the thesis at one point. Lesson 6 weighs the "
                    "rest of the record."
                ),
            ),
            (
                "It confirms the thesis, because Tokayev said it with Putin beside him.",
                False,
                "Saying it beside Putin made the disagreement more visible, not less.",
            ),
            (
                "It has nothing to do with the thesis.",
                False,
                (
                    "It does: the thesis expects Kazakhstan to lean more on Moscow, and "
                    "public disagreement with Moscow on recognising the DPR and LPR is "
                    "relevant evidence."
                ),
            ),
        ],
    ),
    # 05_risks.ipynb
    "05-1": (
        (
            "Which statement about Nazarbayev's loss of the Security Council chair on 5 "
            "January 2022 do the course's sources support?"
        ),
        [
            (
                "Tokayev published a legal reason, which the authors overlooked.",
                False,
                (
                    "TASS reported the change with no reason given; the authors' point that"
                    " no legal justification was offered matches that report."
                ),
            ),
            (
                (
                    "No reason was published; the authors read the step as a move to "
                    "appease the protesters, while Nazarbayev's spokesman later called the "
                    "handover voluntary."
                ),
                True,
                (
                    "Right. The facts (the date, no reason given) are reported; the motive "
                    "is the authors' inference, and 'voluntary' is the framing of "
                    "Nazarbayev's spokesman on 9 January. Neither interpretation is proven "
                    "by the sources."
                ),
            ),
            (
                "Nazarbayev's spokesman confirmed that he had been forced out.",
                False,
                ("The spokesman said the opposite: on 9 January he called the handover voluntary."),
            ),
            (
                "It happened after the CSTO troops had left Kazakhstan.",
                False,
                (
                    "It happened on 5 January, the day Tokayev asked the CSTO for help and "
                    "before the first troops arrived on 6 January. The force left between "
                    "13 and 19 January."
                ),
            ),
        ],
    ),
    # 05_risks.ipynb
    "05-2": (
        (
            "According to RFE/RL, which of these did Putin actually say at the Seliger "
            "forum on 29 August 2014?"
        ),
        [
            (
                '"Kazakhstan is an artificial country."',
                False,
                (
                    "This is the commentary's paraphrase, not a quotation. RFE/RL does not "
                    "report Putin using the word 'artificial'."
                ),
            ),
            (
                '"The Kazakhs never had any statehood."',
                True,
                (
                    "Right: these are the words RFE/RL reports. He also credited Nazarbayev"
                    " with creating a state where there had been none."
                ),
            ),
            (
                '"Colour revolutions will not be allowed in our states."',
                False,
                (
                    "That is the commentary's summary of something else: Putin's remarks at"
                    " the online CSTO summit of 10 January 2022, seven and a half years "
                    "later."
                ),
            ),
        ],
    ),
    # 05_risks.ipynb
    "05-3": (
        (
            "Which description of Xi Jinping's message of 7 January 2022 is closest to "
            "Xinhua's report?"
        ),
        [
            (
                "Xi congratulated Tokayev on defeating a colour revolution.",
                False,
                (
                    "That is the commentary's paraphrase. Xinhua reports Xi praising "
                    "'decisive and effective actions' and rejecting attempts by external "
                    "forces to instigate colour revolutions; he does not say one took "
                    "place."
                ),
            ),
            (
                (
                    "Xi praised Tokayev's actions and said China rejects attempts by "
                    "outside forces to provoke unrest and instigate colour revolutions in "
                    "Kazakhstan."
                ),
                True,
                (
                    "Right. This keeps to the report. It still supports the authors' point "
                    "that Beijing echoed the 'external influence' story, without saying "
                    "more than Xi did."
                ),
            ),
            (
                "Xi criticised the CSTO intervention and offered Chinese troops instead.",
                False,
                (
                    "Nothing in the sources says so. The offer of help came from the SCO's "
                    "anti-terrorist structure, and Kazakhstan did not take it up."
                ),
            ),
        ],
    ),
    # 06_way_ahead.ipynb
    "06-1": (
        (
            "The fact sheet found no evidence of new mass unrest in Kazakhstan after "
            "January 2022 in the sources it searched. What can you conclude?"
        ),
        [
            (
                "There was certainly no mass unrest in Kazakhstan after 2022.",
                False,
                (
                    "Too strong. The sources are a sample; not finding something in a "
                    "sample is absence of evidence, not proof of absence."
                ),
            ),
            (
                (
                    "The sources record local labour protests but no new nationwide "
                    "uprising; a wider search could still find more."
                ),
                True,
                (
                    "Right. This states what the sources show and how far they reach, "
                    "without claiming more."
                ),
            ),
            (
                "There were no protests of any kind in Kazakhstan after January 2022.",
                False,
                (
                    "The sources record a strike in Zhanaozen from 15 February 2022 and the"
                    " detention of Zhanaozen oil workers in Astana in April 2023."
                ),
            ),
            (
                (
                    "The Karakalpakstan protests of July 2022 show that the unrest spread "
                    "to Kazakhstan."
                ),
                False,
                (
                    "Karakalpakstan is part of Uzbekistan, not Kazakhstan; the protests "
                    "there had their own cause, and the CSTO had no role because Uzbekistan"
                    " is not a member."
                ),
            ),
        ],
    ),
    # 06_way_ahead.ipynb
    "06-2": (
        (
            "The withdrawal began on 13 January 2022 and was announced complete on 19 "
            "January. Which description is right?"
        ),
        [
            (
                "It took 6 days: 19 minus 13.",
                True,
                (
                    "Right, counting the days between the two dates, as pandas does when "
                    "you subtract them. Counting both the first and the last day gives 7 "
                    "calendar days, which is why a source can say 'within seven days'. Say "
                    "which you mean."
                ),
            ),
            (
                "It took 10 days, as Tokayev had announced.",
                False,
                "Tokayev said it would take up to ten days; it took less.",
            ),
            (
                "It took 5 days.",
                False,
                (
                    "Five days is the gap from the commentary (14 January) to the "
                    "completion, not from the start of the withdrawal."
                ),
            ),
        ],
    ),
    # 07_reading_critically.ipynb
    "07-1": (
        (
            "The commentary says 'almost 10,000' people were detained. In November 2022 the"
            " authorities spoke of nearly 12,000. What is the best reading of the two "
            "figures?"
        ),
        [
            (
                "The authors undercounted by about 2,000.",
                False,
                (
                    "No: on 11 January the Interior Ministry gave 9,900, so the authors' "
                    "figure matched the official figure of their day. Compare like with "
                    "like before calling a figure wrong."
                ),
            ),
            (
                (
                    "They count different things: the detentions up to mid-January, and a "
                    "total over months of investigation."
                ),
                True,
                (
                    "Right. The later figure is a total for the whole affair, and the "
                    "dataset notes that what it counts differs from the January figures. "
                    "That is why the check on 'almost 10,000' is marked confirmed."
                ),
            ),
            (
                "The later figure must be unreliable because it reached us through AFP.",
                False,
                (
                    "A news agency that relays an official figure is not its author. AFP "
                    "reported what the authorities said; judge the figure by who gave it "
                    "and what it counts."
                ),
            ),
            (
                "More people were detained because the unrest started again after 14 January.",
                False,
                (
                    "No source the course uses says so: the amnesty law dates the violent "
                    "phase to 4-7 January 2022."
                ),
            ),
        ],
    ),
    # 07_reading_critically.ipynb
    "07-2": (
        "Which of these statements is an inference, in the course's sense?",
        [
            (
                "Protests began in Zhanaozen on 2 January 2022.",
                False,
                "A reported fact: a date and a place that other sources confirm (TASS).",
            ),
            (
                "Tokayev said that 20,000 terrorists from abroad had attacked Kazakhstan.",
                False,
                (
                    "That Tokayev said it is a reported fact; what he said is a claim, "
                    "given without evidence (RFE/RL). Neither is the authors' reasoning."
                ),
            ),
            (
                (
                    "Since the CSTO refused Kyrgyzstan's appeal in 2010 as an internal "
                    "matter, using Article 4 against unrest inside Kazakhstan stretched the"
                    " clause beyond its purpose."
                ),
                True,
                (
                    "Right: the authors compare two cases and draw a conclusion from them. "
                    "To judge it, check the facts under it (the 2010 appeal went to Russia "
                    "first, and the CSTO took no decision) and whether the conclusion "
                    "follows."
                ),
            ),
            (
                "Will the CSTO leave completely, or will some Russian troops stay?",
                False,
                (
                    "A question about the future: a forecast in the course's terms. It was "
                    "answered by events: the withdrawal was complete by 19 January 2022."
                ),
            ),
        ],
    ),
    # 07_reading_critically.ipynb
    "07-3": (
        (
            "The authors write that Belarus sent soldiers abroad for the first time. The "
            "dataset marks this 'not confirmed'. What may you write about it?"
        ),
        [
            (
                "That it is false.",
                False,
                (
                    "No source was found either way. 'Not confirmed' is not 'refuted': "
                    "absence of evidence in these sources is not evidence of absence."
                ),
            ),
            (
                "That the authors state it, and that no source the course uses confirms it.",
                True,
                (
                    "Right: attribute it and say what the evidence is. The deployment "
                    "itself is confirmed by Belarus's defence ministry; the 'first time' is"
                    " the authors' claim."
                ),
            ),
            (
                "Nothing: an unconfirmed statement should be left out.",
                False,
                (
                    "Leaving it out would hide part of the authors' argument. Keep it, "
                    "attributed, so that a reader can check it when better evidence "
                    "appears."
                ),
            ),
            (
                "That it is true, because the authors are specialists on the region.",
                False,
                (
                    "Expertise makes a statement worth checking, not true. Even careful "
                    "analysts writing within a week of the events work with what has been "
                    "reported so far."
                ),
            ),
        ],
    ),
}


def quick_check(key: str) -> MultipleChoice:
    """The quick check ``key`` (e.g. ``"03-1"``) as a live multiple-choice widget."""
    try:
        question, options = QUICK_CHECKS[key]
    except KeyError:
        known = ", ".join(QUICK_CHECKS)
        raise KeyError(f"there is no quick check {key!r}; the course has {known}") from None
    return MultipleChoice(question, options)


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
