"""How sure the extractor is of a claim's attribution, named once.

Each level is the confidence a claim gets when it was found in that way; the
values order the ways from surest to most doubtful, and editors and API
clients filter on them, so a change here changes what they see.
"""

# A speaker named with a verb of saying right after the quotation: '"...," X said.'
SPEAKER_AFTER = 0.95
# A speaker introducing the quotation ('X said: "..."') or a pull quote's
# credit on the same line ('"..." -- X').
SPEAKER_BEFORE = 0.9
# A pull quote credited on the line below it.
CREDIT_BELOW = 0.8
# '"...end." Ruiz said the plan ...': the name opening the next sentence is
# usually the speaker, but may belong to what follows.
NEXT_SENTENCE_SPEAKER = 0.75
# A quotation resuming in the same line after its attribution.
RESUMED_SAME_LINE = 0.7
# A quotation opening the next paragraph, continuing the same speaker.
RESUMED_NEXT_PARAGRAPH = 0.6
# 'Ruiz: "..."' or 'Ruiz was blunt:' with no verb of saying.
SUBJECT_BEFORE_COLON = 0.6
# A quotation with no opening mark: its start and speaker are guessed.
ORPHAN = 0.6
# The most a quotation missing one of its marks can be trusted.
UNBALANCED_QUOTE = 0.6
# A paragraph set off without marks after 'X wrote:'.
BLOCK_QUOTE = 0.7
# A speaker's words set off after a colon with no quotation marks: "X put it
# bluntly: the members ...".
SET_OFF = 0.65
# A transcript's answer after its speaker's label: "LIN: We will not ...".
TRANSCRIPT = 0.7

# Reported speech: a subject, a verb of saying and its clause, "according to X,
# ..." before the words, or "Y quoted X as saying".
REPORTED = 0.75
# The attribution after the words: "..., X said.", "..., according to X.",
# "..., Y reported, citing X."
REPORTED_AFTER = 0.7
# A cue verb other than a verb of saying, its content a clause, an infinitive
# or an object: "X vowed to ...", "X accused Y of ...", "X backed the bill".
REPORTED_FRAME = 0.7
# A noun of saying carries the source: "His message: ...", "a report in X that ...".
NOUN_CUE = 0.6
# A passive evidential names no source: "It was reported that ...".
NO_SOURCE = 0.55
# A participle or a parenthesis carries the speaker: "..., saying ...",
# "All states, he said, backed ...".
REPORTED_PARTICIPLE = 0.65

# A quoted fragment credited to the speaker named beside it.
PARTIAL_BESIDE = 0.7
# A quoted fragment credited to the subject of its sentence.
PARTIAL_SENTENCE_SUBJECT = 0.6

# A lone quotation continuing the speaker quoted just before it.
CONTINUED_NEAR = 0.55
# A lone quotation given the last speaker of a while back: a guess.
CONTINUED_FAR = 0.4
# A lone quotation given the subject of the sentence before it.
INTRODUCED_BEFORE = 0.5
# No speaker at all.
UNATTRIBUTED = 0.5

# An unattributed statement of fact.
ASSERTION = 0.5
