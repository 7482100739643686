"""Cross-validation folds by article group: who is held out together.

One home for the groupings both the tagger's and the event layer's cross-validation use:

* ``seed_folds``: one fold per real (non-synthetic) article.
* ``region_folds``: conflict articles grouped by the region of their events' country, so that a
  fold's countries are unseen in training. Negatives (no event) are spread round-robin; the real
  seeds, all from Afghanistan, fall in the South Asia fold.
* ``form_folds``: the articles written in the forms added for the event work (``form`` field of
  part F: briefs, round-ups, double reports; part G: monitor reports, live updates, translated
  press, village reports) held out one part at a time, so that a fold's text forms are unseen.
  Those 105 articles were written after the last boundary rule and no rule has been written from
  their errors (annotations/README.md, decision 68).

* ``untouched_folds``: the newest part no choice has been made on (decision 133; part BP, 20
  articles, 7 negatives): train on everything else, test on it once per change set.
* ``SPENT_FOLDINGS``: one folding per earlier untouched set (parts H to BO, decisions 71 to 132), each
  spent by the change set it was scored for; kept so that every published figure can be rerun.

Every function maps a fold name to the sorted indices of its held-out articles.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

from conflict_events.corpus import Article

REGIONS: dict[str, tuple[str, ...]] = {
    "South Asia": ("Afghanistan", "Pakistan", "India", "Kashmir", "Bangladesh"),
    "Sahel": ("Mali", "Burkina Faso", "Niger", "Chad", "Mauritania"),
    "Horn and Sudan": ("Somalia", "Ethiopia", "Sudan", "South Sudan", "Kenya", "Eritrea"),
    "West, Central and Southern Africa": ("Nigeria", "Cameroon", "DR Congo", "Mozambique", "Burundi", "Central African Republic",
                                          "Rwanda", "Uganda"),
    "Middle East and North Africa": ("Syria", "Iraq", "Yemen", "Libya", "Lebanon", "Palestine", "Israel", "Egypt"),
    "Asia, Americas, Europe": ("Myanmar", "Philippines", "Colombia", "Mexico", "Ukraine", "Russia", "Brazil", "Haiti",
                               "Thailand", "Indonesia"),
}

# Annotation files whose articles are the unseen forms, one fold each.
FORM_PARTS: dict[str, str] = {
    "briefs, round-ups, double reports": "part_f.jsonl",
    "monitor reports, live updates, translated press": "part_g.jsonl",
}

# The held-out set no rule or setting has been chosen on (annotations/README.md, decision 133), and
# the ones before it, oldest first, each spent by the change set it was scored for.
UNTOUCHED_PART = ("part BP", ("part_bp.jsonl",))
SPENT_PARTS: dict[str, tuple[str, ...]] = {
    "part H": ("part_h.jsonl",),
    "part I": ("part_i.jsonl",),
    "parts J and K": ("part_j.jsonl", "part_k.jsonl"),
    "part L": ("part_l.jsonl",),
    "part M": ("part_m.jsonl",),
    "part N": ("part_n.jsonl",),
    "part O": ("part_o.jsonl",),
    "part P": ("part_p.jsonl",),
    "part Q": ("part_q.jsonl",),
    "part R": ("part_r.jsonl",),
    "part S": ("part_s.jsonl",),
    "part T": ("part_t.jsonl",),
    "part U": ("part_u.jsonl",),
    "part V": ("part_v.jsonl",),
    "part W": ("part_w.jsonl",),
    "part X": ("part_x.jsonl",),
    "part Y": ("part_y.jsonl",),
    "part Z": ("part_z.jsonl",),
    "part AA": ("part_aa.jsonl",),
    "part AB": ("part_ab.jsonl",),
    "part AC": ("part_ac.jsonl",),
    "part AD": ("part_ad.jsonl",),
    "part AE": ("part_ae.jsonl",),
    "part AF": ("part_af.jsonl",),
    "part AG": ("part_ag.jsonl",),
    "part AH": ("part_ah.jsonl",),
    "part AI": ("part_ai.jsonl",),
    "part AJ": ("part_aj.jsonl",),
    "part AK": ("part_ak.jsonl",),
    "part AL": ("part_al.jsonl",),
    "part AM": ("part_am.jsonl",),
    "part AN": ("part_an.jsonl",),
    "part AO": ("part_ao.jsonl",),
    "part AP": ("part_ap.jsonl",),
    "part AQ": ("part_aq.jsonl",),
    "part AR": ("part_ar.jsonl",),
    "part AS": ("part_as.jsonl",),
    "part AT": ("part_at.jsonl",),
    "part AU": ("part_au.jsonl",),
    "part AV": ("part_av.jsonl",),
    "part AW": ("part_aw.jsonl",),
    "part AX": ("part_ax.jsonl",),
    "part AY": ("part_ay.jsonl",),
    "part AZ": ("part_az.jsonl",),
    "part BA": ("part_ba.jsonl",),
    "part BB": ("part_bb.jsonl",),
    "part BC": ("part_bc.jsonl",),
    "part BD": ("part_bd.jsonl",),
    "part BE": ("part_be.jsonl",),
    "part BF": ("part_bf.jsonl",),
    "part BG": ("part_bg.jsonl",),
    "part BH": ("part_bh.jsonl",),
    "part BI": ("part_bi.jsonl",),
    "part BJ": ("part_bj.jsonl",),
    "part BK": ("part_bk.jsonl",),
    "part BL": ("part_bl.jsonl",),
    "part BM": ("part_bm.jsonl",),
    "part BN": ("part_bn.jsonl",),
    "part BO": ("part_bo.jsonl",),
}

NEWS_FORM = "news"  # articles without a ``form`` field: parts A-E and the seeds


def article_country(article: Article) -> str | None:
    counts = Counter(e.get("country") for e in article.events if e.get("country"))
    return counts.most_common(1)[0][0] if counts else None


def region_of(country: str | None) -> str | None:
    for region, countries in REGIONS.items():
        if country in countries:
            return region
    return None


def article_form(article: Article) -> str:
    return str(article.extra.get("form") or NEWS_FORM)


def seed_folds(articles: Sequence[Article]) -> dict[str, list[int]]:
    return {a.id: [i] for i, a in enumerate(articles) if not a.synthetic}


def region_folds(articles: Sequence[Article]) -> dict[str, list[int]]:
    """Every article is held out exactly once."""
    folds: dict[str, list[int]] = {name: [] for name in REGIONS}
    folds["other countries"] = []
    negatives = []
    for i, article in enumerate(articles):
        if not article.events:
            negatives.append(i)
            continue
        folds[region_of(article_country(article)) or "other countries"].append(i)
    names = [n for n in folds if folds[n]]
    for k, i in enumerate(negatives):
        folds[names[k % len(names)]].append(i)
    return {n: sorted(v) for n, v in folds.items() if v}


def form_folds(articles: Sequence[Article]) -> dict[str, list[int]]:
    """One fold per new-form annotation file; the other articles always train."""
    folds = {name: [i for i, a in enumerate(articles) if Path(a.file).name == part] for name, part in FORM_PARTS.items()}
    return {n: v for n, v in folds.items() if v}


def _part_fold(name: str, *parts: str) -> Callable[[Sequence[Article]], dict[str, list[int]]]:
    def folds(articles: Sequence[Article]) -> dict[str, list[int]]:
        held_out = [i for i, a in enumerate(articles) if Path(a.file).name in parts]
        return {name: held_out} if held_out else {}
    return folds


untouched_folds = _part_fold(UNTOUCHED_PART[0], *UNTOUCHED_PART[1])
# 'part AK' -> protocol 'part-ak', 'parts J and K' -> 'parts-jk'
SPENT_FOLDINGS: dict[str, Callable[[Sequence[Article]], dict[str, list[int]]]] = {
    ("parts-" if name.startswith("parts ") else "part-") + "".join(w.lower() for w in name.split()[1:] if w != "and"):
        _part_fold(name, *files) for name, files in SPENT_PARTS.items()}

FOLDINGS: dict[str, Callable[[Sequence[Article]], dict[str, list[int]]]] = {
    "seeds": seed_folds, "regions": region_folds, "forms": form_folds, "untouched": untouched_folds, **SPENT_FOLDINGS,
}
