"""The evaluation set: appearances of statements as outlets print them.

Each statement is written once as said, then as other outlets carried it:
trimmed to an excerpt, re-punctuated (curly quotes, dashes, case), edited with
square brackets, cut with an ellipsis, relayed with a different lead-in (the
words of the quote are what matter here). Beside them, different statements
that look alike: the same speaker on the same topic, sharing phrases, or a
figure or a word changed. Each appearance is (group, speaker, kind, text);
two appearances are the same statement when their groups are equal. A speaker
of None is an unresolved mention ("the minister said").
"""

from __future__ import annotations

Q, R = "direct", "indirect"

# (group, speaker, kind, text)
APPEARANCES: list[tuple[str, str | None, str, str]] = [
    # Gates on missile defence: one statement, five outlets.
    (
        "gates-coldwar",
        "gates",
        Q,
        "The days of the Cold War are over and no one should seek a return to them",
    ),
    (
        "gates-coldwar",
        "gates",
        Q,
        "the days of the cold war are over, and no one should seek a return to them",
    ),
    ("gates-coldwar", "gates", Q, "The days of the Cold War are over"),
    (
        "gates-coldwar",
        None,
        Q,
        "The days of the Cold War are over \u2026 no one should seek a return to them.",
    ),
    (
        "gates-coldwar",
        "gates",
        Q,
        "\u201cThe days of the Cold War are over and no one should seek a return to [them].\u201d",
    ),
    # Look-alikes: Gates, same topic, other sentences.
    ("gates-invite", "gates", Q, "We invite Russia to join our defensive endeavor as a partner"),
    ("gates-invite", "gates", Q, "we invite Russia to join our defensive endeavour as a partner"),
    ("gates-invite", "gates", Q, "We invite Russia to join our defensive endeavor"),
    (
        "gates-coldwar-2",
        "gates",
        Q,
        "The days of the Cold War are over, but the missiles of Iran are not",
    ),
    (
        "gates-notthreat",
        "gates",
        Q,
        "The shield is no threat to Russia and no one in Moscow should think it is",
    ),
    (
        "gates-notthreat",
        "gates",
        Q,
        "The shield is no threat to Russia \u2014 and no one in Moscow should think it is.",
    ),
    (
        "gates-notthreat-2",
        "gates",
        Q,
        "The shield is no threat to Russia and no one in Prague should fear it either",
    ),
    # Putin.
    (
        "putin-destab",
        "putin",
        Q,
        "The strategic missile defense system is a serious destabilizing factor that could "
        "upset the balance of forces in Europe",
    ),
    (
        "putin-destab",
        "putin",
        Q,
        "The strategic missile defense system is a serious destabilizing factor",
    ),
    (
        "putin-destab",
        "putin",
        Q,
        "[The] missile defense system is a serious destabilizing factor that could upset the "
        "balance of forces in Europe",
    ),
    (
        "putin-destab",
        None,
        Q,
        "a serious destabilizing factor that could upset the balance of forces in Europe",
    ),
    (
        "putin-destab-2",
        "putin",
        Q,
        "The strategic missile defense system is not a destabilizing factor if Russia takes "
        "part in it",
    ),
    (
        "putin-unilateral",
        "putin",
        Q,
        "We are against the fact that such decisions are taken unilaterally",
    ),
    (
        "putin-unilateral",
        "putin",
        Q,
        "we are against the fact that such decisions are taken unilaterally.",
    ),
    (
        "putin-unilateral",
        "putin",
        Q,
        "We are against the fact that such decisions [on missile defense] are taken unilaterally",
    ),
    (
        "putin-multilateral",
        "putin",
        Q,
        "We are for the fact that such decisions are taken together with all of Europe",
    ),
    (
        "putin-concern",
        "putin",
        Q,
        "These plans cannot help but cause concern because if used in combat the missiles "
        "would fall on our territory",
    ),
    (
        "putin-concern",
        "putin",
        Q,
        "These plans cannot help but cause concern \u2026 the missiles would fall on our territory",
    ),
    ("putin-concern", "putin", Q, "if used in combat, the missiles would fall on our territory"),
    (
        "putin-concern-2",
        "putin",
        Q,
        "These plans cannot help but cause concern among our neighbours in the Baltic states",
    ),
    # Lopez on the pipeline.
    (
        "lopez-river",
        "lopez",
        Q,
        "We will not allow the pipeline to be built across the river, whatever the court "
        "decides next month",
    ),
    (
        "lopez-river",
        "lopez",
        Q,
        "We will not allow the pipeline to be built across the river \u2014 whatever the court "
        "decides next month.",
    ),
    (
        "lopez-river",
        "lopez",
        Q,
        "we will not allow the pipeline [project] to be built across the river",
    ),
    (
        "lopez-river",
        None,
        Q,
        "whatever the court decides next month, we will not allow the pipeline to be built "
        "across the river",
    ),
    (
        "lopez-court",
        "lopez",
        Q,
        "We will ask the court to stop the pipeline before it reaches the river next month",
    ),
    (
        "lopez-court",
        "lopez",
        Q,
        "We will ask the court to stop the pipeline before it reaches the river",
    ),
    (
        "lopez-lake",
        "lopez",
        Q,
        "We will not allow the pipeline to be built across the lake, whatever the company "
        "offers the county",
    ),
    (
        "lopez-jobs",
        "lopez",
        Q,
        "The pipeline will bring some jobs to the county but it will take the river from us",
    ),
    (
        "lopez-jobs",
        "lopez",
        Q,
        "The pipeline will bring some jobs to the county, but it will take the river from us.",
    ),
    # Okafor on buses: figures that differ are different statements.
    ("okafor-12", "okafor", Q, "We will add twelve routes next year and hire two hundred drivers"),
    ("okafor-12", "okafor", Q, "We will add twelve routes next year"),
    (
        "okafor-12",
        "okafor",
        Q,
        "We will add twelve [bus] routes next year and hire two hundred drivers",
    ),
    (
        "okafor-20",
        "okafor",
        Q,
        "We will add twenty routes next year and hire three hundred drivers",
    ),
    (
        "okafor-fares",
        "okafor",
        Q,
        "Fares will not go up next year, whatever the council says about the budget",
    ),
    (
        "okafor-fares",
        "okafor",
        Q,
        "fares will not go up next year \u2014 whatever the council says about the budget",
    ),
    (
        "okafor-fares-2",
        "okafor",
        Q,
        "Fares will go up next year, whatever the council says about the budget",
    ),
    # Reyes, short quotes and a long one.
    ("reyes-chimerical", "reyes", "partial", "chimerical"),
    ("reyes-chimerical", "reyes", "partial", "Chimerical"),
    ("reyes-potential", "reyes", "partial", "potential aggressors"),
    ("reyes-potential", "reyes", "partial", "potential aggressors"),
    (
        "reyes-long",
        "reyes",
        Q,
        "The problem is that the issue long ago entered the political sphere, Russia wants to "
        "show it can still say no to Washington, and Washington wants to show it does not need "
        "to ask",
    ),
    (
        "reyes-long",
        "reyes",
        Q,
        "the issue long ago entered the political sphere. Russia wants to show it can still say "
        "no to Washington",
    ),
    (
        "reyes-long",
        None,
        Q,
        "Russia wants to show it can still say no to Washington, and Washington wants to show "
        "it does not need to ask",
    ),
    (
        "reyes-long-2",
        "reyes",
        Q,
        "The problem is that the issue never left the military sphere, whatever Moscow and "
        "Washington say in public",
    ),
    # Reported speech: the same content, reported by several outlets, and
    # other content of the same actor on the same topic.
    (
        "gates-r-explore",
        "gates",
        R,
        "he was willing to explore sharing missile defense technology with Russia",
    ),
    (
        "gates-r-explore",
        "gates",
        R,
        "he was willing to explore sharing missile-defense technology with Russia",
    ),
    (
        "gates-r-explore",
        "gates",
        R,
        "he was willing to explore sharing missile defense technology with Russia, such as "
        "radar data",
    ),
    (
        "gates-r-tour",
        "gates",
        R,
        "he was willing to allow Russian officials to tour the planned facilities",
    ),
    (
        "gates-r-nobreak",
        "gates",
        R,
        "he expected no breakthroughs during the talks on missile defense with Russia",
    ),
    ("putin-r-start", "putin", R, "Washington should negotiate a new treaty to replace START 1"),
    (
        "putin-r-start",
        "putin",
        R,
        "Washington should negotiate a new treaty to replace START 1 before it expires",
    ),
    (
        "putin-r-start-2",
        "putin",
        R,
        "Washington should negotiate a new treaty on missile defense before it deploys in Poland",
    ),
    # An unresolved reported speaker: never joined on the words alone.
    ("anon-r-start", None, R, "Washington should negotiate a new treaty to replace START 1"),
]

# Written after the threshold was chosen and never used to choose anything:
# a check that the figures above are not only a fit to the set they came from.
HELD_OUT: list[tuple[str, str | None, str, str]] = [
    (
        "kim-rates",
        "kim",
        Q,
        "Interest rates will stay where they are until inflation is back under three percent",
    ),
    (
        "kim-rates",
        "kim",
        Q,
        "interest rates will stay where they are \u2026 until inflation is back under "
        "three percent.",
    ),
    ("kim-rates", "kim", Q, "Interest rates will stay where they are"),
    (
        "kim-rates",
        None,
        Q,
        "\u201cInterest rates will stay where they are until inflation is back under [3] "
        "percent\u201d",
    ),
    (
        "kim-rates-2",
        "kim",
        Q,
        "Interest rates will stay where they are until unemployment starts to rise again",
    ),
    (
        "kim-banks",
        "kim",
        Q,
        "The banks have been warned, and the next warning will come with a fine attached",
    ),
    (
        "kim-banks",
        "kim",
        Q,
        "The banks have been warned \u2014 and the next warning will come with a fine attached.",
    ),
    (
        "kim-banks-2",
        "kim",
        Q,
        "The banks have been warned twice this year and they have listened both times",
    ),
    (
        "obi-water",
        "obi",
        Q,
        "No family in this state should have to boil its water before giving it to a child",
    ),
    (
        "obi-water",
        "obi",
        Q,
        "no family in this state should have to boil its water before giving it to a child!",
    ),
    ("obi-water", "obi", Q, "No family in this state should have to boil its water"),
    (
        "obi-water-2",
        "obi",
        Q,
        "No family in this state should have to choose between rent and medicine for a child",
    ),
    (
        "obi-r-dam",
        "obi",
        R,
        "the state would pay for the repairs to the dam before the spring floods",
    ),
    (
        "obi-r-dam",
        "obi",
        R,
        "the state would pay for the repairs to the dam before the spring floods arrived",
    ),
    ("obi-r-dam-2", "obi", R, "the federal government should pay for the repairs to the dam"),
    ("kim-r-cut", "kim", R, "the central bank was not ready to cut rates this year"),
    ("kim-r-cut", "kim", R, "the central bank was not yet ready to cut rates this year"),
]
