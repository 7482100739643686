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

* ``untouched_folds``: the newest part no choice has been made on (decision 101; part AK, 20
  articles, 7 negatives): train on everything else, test on it once per change set.
  ``part_h_folds``, ``part_i_folds``, ``parts_jk_folds``, ``part_l_folds``, ``part_m_folds``,
  ``part_n_folds``, ``part_o_folds``, ``part_p_folds``, ``part_q_folds``, ``part_r_folds``, ``part_s_folds``,
  ``part_t_folds``, ``part_u_folds``, ``part_v_folds``, ``part_w_folds``, ``part_x_folds``, ``part_y_folds``,
  ``part_z_folds``, ``part_aa_folds``, ``part_ab_folds``, ``part_ac_folds``, ``part_ad_folds``, ``part_ae_folds``,
  ``part_af_folds``, ``part_ag_folds``, ``part_ah_folds``, ``part_ai_folds`` and ``part_aj_folds``: the untouched
  sets of the twenty-eight change sets before (decisions 71, 72, 74, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88,
  89, 90, 91, 92, 93, 94, 95, 96, 97, 98 and 99; spent by them).

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

# The held-out set no rule or setting has been chosen on (annotations/README.md, decision 101), and
# the ones before it.
UNTOUCHED_PARTS = ("part_ak.jsonl",)
PART_AJ = "part_aj.jsonl"
PART_AI = "part_ai.jsonl"
PART_AH = "part_ah.jsonl"
PART_AG = "part_ag.jsonl"
PART_AF = "part_af.jsonl"
PART_AE = "part_ae.jsonl"
PART_AD = "part_ad.jsonl"
PART_AC = "part_ac.jsonl"
PART_AB = "part_ab.jsonl"
PART_AA = "part_aa.jsonl"
PART_Z = "part_z.jsonl"
PART_Y = "part_y.jsonl"
PART_X = "part_x.jsonl"
PART_W = "part_w.jsonl"
PART_V = "part_v.jsonl"
PART_U = "part_u.jsonl"
PART_T = "part_t.jsonl"
PART_S = "part_s.jsonl"
PART_R = "part_r.jsonl"
PART_Q = "part_q.jsonl"
PART_P = "part_p.jsonl"
PART_O = "part_o.jsonl"
PART_N = "part_n.jsonl"
PART_M = "part_m.jsonl"
PART_L = "part_l.jsonl"
PARTS_JK = ("part_j.jsonl", "part_k.jsonl")
PART_H = "part_h.jsonl"
PART_I = "part_i.jsonl"

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


untouched_folds = _part_fold("part AK", *UNTOUCHED_PARTS)
part_aj_folds = _part_fold("part AJ", PART_AJ)
part_ai_folds = _part_fold("part AI", PART_AI)
part_ah_folds = _part_fold("part AH", PART_AH)
part_ag_folds = _part_fold("part AG", PART_AG)
part_af_folds = _part_fold("part AF", PART_AF)
part_ae_folds = _part_fold("part AE", PART_AE)
part_ad_folds = _part_fold("part AD", PART_AD)
part_ac_folds = _part_fold("part AC", PART_AC)
part_ab_folds = _part_fold("part AB", PART_AB)
part_aa_folds = _part_fold("part AA", PART_AA)
part_z_folds = _part_fold("part Z", PART_Z)
part_y_folds = _part_fold("part Y", PART_Y)
part_x_folds = _part_fold("part X", PART_X)
part_w_folds = _part_fold("part W", PART_W)
part_v_folds = _part_fold("part V", PART_V)
part_u_folds = _part_fold("part U", PART_U)
part_t_folds = _part_fold("part T", PART_T)
part_s_folds = _part_fold("part S", PART_S)
part_r_folds = _part_fold("part R", PART_R)
part_q_folds = _part_fold("part Q", PART_Q)
part_p_folds = _part_fold("part P", PART_P)
part_o_folds = _part_fold("part O", PART_O)
part_n_folds = _part_fold("part N", PART_N)
part_m_folds = _part_fold("part M", PART_M)
part_l_folds = _part_fold("part L", PART_L)
parts_jk_folds = _part_fold("parts J and K", *PARTS_JK)
part_h_folds = _part_fold("part H", PART_H)
part_i_folds = _part_fold("part I", PART_I)


FOLDINGS: dict[str, Callable[[Sequence[Article]], dict[str, list[int]]]] = {
    "seeds": seed_folds, "regions": region_folds, "forms": form_folds, "untouched": untouched_folds,
    "part-h": part_h_folds, "part-i": part_i_folds, "parts-jk": parts_jk_folds, "part-l": part_l_folds,
    "part-m": part_m_folds, "part-n": part_n_folds, "part-o": part_o_folds,
    "part-p": part_p_folds, "part-q": part_q_folds, "part-r": part_r_folds,
    "part-s": part_s_folds, "part-t": part_t_folds, "part-u": part_u_folds,
    "part-v": part_v_folds, "part-w": part_w_folds, "part-x": part_x_folds,
    "part-y": part_y_folds, "part-z": part_z_folds, "part-aa": part_aa_folds,
    "part-ab": part_ab_folds, "part-ac": part_ac_folds, "part-ad": part_ad_folds,
    "part-ae": part_ae_folds, "part-af": part_af_folds, "part-ag": part_ag_folds,
    "part-ah": part_ah_folds, "part-ai": part_ai_folds, "part-aj": part_aj_folds,
}
