"""Whether a casualty span's sentence tells that anyone was killed or hurt.

The tagger marks counts of people as KILLED or WOUNDED from their shape as much as from their
context, and on text unlike its training data it also marks counts that are no casualties: a
group's strength (``clashed with about 20 NPA guerrillas``), the displaced (``more than 40,000
people have fled``), the taken (``six traders had been taken``), things (``at least 30 houses``).
Summed into a record, one such count wrecks its toll (issue 12: ``some 5,000 fighters`` added to the
wounded). A count is read as a casualty only where its sentence has a word of death or harm. Of
the 4,363 gold KILLED and WOUNDED spans of the seeds and parts A–AT, 10 have none (``the two men were
rubber tappers``: who the dead were, not a toll); of the 1,410 spans `tagger-all278` marked on parts
AF–AT, 24 have none, 23 of them spurious; of the 1,063 in the region folds' held-out predictions, 41,
40 of them spurious.

Hand-written because no library reads harm from a clause; the words are the ones conflict reports
use for death and injury, including their euphemisms (``fell``, ``embraced shahadat``, ``sent to
hell``, ``neutralised``).
"""

from __future__ import annotations

import re

from conflict_events.events.sentences import Sentence
from conflict_events.spans import Span

HARM_WORDS = re.compile(
    r"kill|\bdead\b|death|\bdied\b|\bdie[s]?\b|dying|\bbod(?:y|ies)\b|\blives\b|\blife\b|\btoll|wound|injur|\bhurt\b|"
    r"casualt|martyr|slain|massacr|perish|fatal|hospital|treat|victim|\blost\b|\blosing\b|\blose\b|losses|\bloss\b|"
    r"neutrali[sz]|eliminat|\bshot\b|shoot|behead|execut|murder|lynch|\bburn|drown|succumb|gunned|bleed|blood|mourn|"
    r"funeral|buried|\bbur(?:y|ial)\b|critical|condition|maim|amputat|lifeless|corpses?|remains|\bf[ae]ll(?:en)?\b|"
    r"\bfalls?\b|\bstruck\b|\bhit\b|shahadat|sent to hell|harm|opened fire|cut (?:him|her|them) down|\bstabb|rubble",
    re.IGNORECASE)


def harm_told(text: str, span: Span, sentence: Sentence) -> bool:
    """The casualty span or its sentence has a word of death or harm (module doc)."""
    return bool(HARM_WORDS.search(text[sentence.start: sentence.end]) or HARM_WORDS.search(span.text))
