from conflict_events.corpus import Article
from conflict_events.folds import (article_form, form_folds, part_h_folds, part_i_folds, part_l_folds, part_m_folds,
                                   part_n_folds, part_o_folds, part_p_folds, part_q_folds, part_r_folds, part_s_folds,
                                   part_t_folds, part_u_folds, part_v_folds, part_w_folds, part_x_folds, part_y_folds,
                                   part_z_folds, part_aa_folds, part_ab_folds, part_ac_folds, part_ad_folds,
                                   part_ae_folds, part_af_folds, part_ag_folds, part_ah_folds, part_ai_folds, part_aj_folds, parts_jk_folds, region_folds,
                                   untouched_folds)
from conflict_events.training.crossval import PROTOCOLS


def article(i: int, country: str | None, file: str = "part_a.jsonl", form: str | None = None) -> Article:
    events = ({"country": country},) if country else ()
    return Article(id=f"a{i}", text="x", events=events, synthetic=True, file=f"annotations/synthetic/{file}",
                   extra={"form": form} if form else {})


ARTICLES = [article(0, "Mali"), article(1, "Niger", "part_f.jsonl", "brief"), article(2, "Iraq", "part_g.jsonl", "live updates"),
            article(3, None, "part_f.jsonl", "negative"), article(4, "Atlantis"), article(5, None),
            article(6, "Chad", "part_h.jsonl", "brief"), article(7, None, "part_h.jsonl", "negative"),
            article(8, "Kenya", "part_i.jsonl"), article(9, "Chad", "part_j.jsonl"),
            article(10, None, "part_k.jsonl", "negative"), article(11, "Haiti", "part_l.jsonl"),
            article(12, "Togo", "part_m.jsonl"), article(13, None, "part_m.jsonl", "negative"),
            article(14, "Nepal", "part_n.jsonl", "brief"), article(15, None, "part_n.jsonl", "negative"),
            article(16, "Benin", "part_o.jsonl", "brief"), article(17, None, "part_o.jsonl", "negative"),
            article(18, "Yemen", "part_p.jsonl", "brief"), article(19, None, "part_p.jsonl", "negative"),
            article(20, "Ghana", "part_q.jsonl", "brief"), article(21, None, "part_q.jsonl", "negative"),
            article(22, "Somalia", "part_r.jsonl", "brief"), article(23, None, "part_r.jsonl", "negative"),
            article(24, "Chad", "part_s.jsonl", "brief"), article(25, None, "part_s.jsonl", "negative"),
            article(26, "Kenya", "part_t.jsonl", "brief"), article(27, None, "part_t.jsonl", "negative"),
            article(28, "Sudan", "part_u.jsonl", "brief"), article(29, None, "part_u.jsonl", "negative"),
            article(30, "Niger", "part_v.jsonl", "brief"), article(31, None, "part_v.jsonl", "negative"),
            article(32, "Haiti", "part_w.jsonl", "brief"), article(33, None, "part_w.jsonl", "negative"),
            article(34, "Yemen", "part_x.jsonl", "brief"), article(35, None, "part_x.jsonl", "negative"),
            article(36, "Kenya", "part_y.jsonl", "brief"), article(37, None, "part_y.jsonl", "negative"),
            article(38, "India", "part_z.jsonl", "brief"), article(39, None, "part_z.jsonl", "negative"),
            article(40, "Chad", "part_aa.jsonl", "brief"), article(41, None, "part_aa.jsonl", "negative"),
            article(42, "Kenya", "part_ab.jsonl", "brief"), article(43, None, "part_ab.jsonl", "negative"),
            article(44, "Yemen", "part_ac.jsonl", "brief"), article(45, None, "part_ac.jsonl", "negative"),
            article(46, "Iraq", "part_ad.jsonl", "brief"), article(47, None, "part_ad.jsonl", "negative"),
            article(48, "Sudan", "part_ae.jsonl", "brief"), article(49, None, "part_ae.jsonl", "negative"),
            article(50, "Burundi", "part_af.jsonl", "brief"), article(51, None, "part_af.jsonl", "negative"),
            article(52, "Chad", "part_ag.jsonl", "brief"), article(53, None, "part_ag.jsonl", "negative"),
            article(54, "Kenya", "part_ah.jsonl", "brief"), article(55, None, "part_ah.jsonl", "negative"),
            article(56, "Rwanda", "part_ai.jsonl", "brief"), article(57, None, "part_ai.jsonl", "negative"),
            article(58, "Mauritania", "part_aj.jsonl", "brief"), article(59, None, "part_aj.jsonl", "negative"),
            article(60, "Egypt", "part_ak.jsonl", "brief"), article(61, None, "part_ak.jsonl", "negative")]


def test_region_folds_hold_out_every_article_once_and_keep_a_region_together():
    folds = region_folds(ARTICLES)
    held = sorted(i for indices in folds.values() for i in indices)
    assert held == list(range(len(ARTICLES)))
    assert {0, 1} <= set(folds["Sahel"]) and folds["other countries"][0] == 4
    assert not set(folds["Sahel"]) & set(folds["Middle East and North Africa"])


def test_form_folds_hold_out_one_new_form_file_at_a_time():
    folds = form_folds(ARTICLES)
    assert sorted(folds.values()) == [[1, 3], [2]]
    assert article_form(ARTICLES[0]) == "news" and article_form(ARTICLES[2]) == "live updates"


def test_the_untouched_folding_holds_out_the_newest_parts_together():
    assert untouched_folds(ARTICLES) == {"part AK": [60, 61]}
    assert part_aj_folds(ARTICLES) == {"part AJ": [58, 59]}
    assert part_ai_folds(ARTICLES) == {"part AI": [56, 57]}
    assert part_ah_folds(ARTICLES) == {"part AH": [54, 55]}
    assert part_ag_folds(ARTICLES) == {"part AG": [52, 53]}
    assert part_af_folds(ARTICLES) == {"part AF": [50, 51]}
    assert part_ae_folds(ARTICLES) == {"part AE": [48, 49]}
    assert part_ad_folds(ARTICLES) == {"part AD": [46, 47]}
    assert part_ac_folds(ARTICLES) == {"part AC": [44, 45]}
    assert part_ab_folds(ARTICLES) == {"part AB": [42, 43]}
    assert part_aa_folds(ARTICLES) == {"part AA": [40, 41]}
    assert part_z_folds(ARTICLES) == {"part Z": [38, 39]}
    assert part_y_folds(ARTICLES) == {"part Y": [36, 37]}
    assert part_x_folds(ARTICLES) == {"part X": [34, 35]}
    assert part_w_folds(ARTICLES) == {"part W": [32, 33]}
    assert part_v_folds(ARTICLES) == {"part V": [30, 31]}
    assert part_u_folds(ARTICLES) == {"part U": [28, 29]}
    assert part_t_folds(ARTICLES) == {"part T": [26, 27]}
    assert part_s_folds(ARTICLES) == {"part S": [24, 25]}
    assert part_r_folds(ARTICLES) == {"part R": [22, 23]}
    assert part_q_folds(ARTICLES) == {"part Q": [20, 21]}
    assert part_p_folds(ARTICLES) == {"part P": [18, 19]}
    assert part_o_folds(ARTICLES) == {"part O": [16, 17]}
    assert part_n_folds(ARTICLES) == {"part N": [14, 15]}
    assert part_m_folds(ARTICLES) == {"part M": [12, 13]}
    assert part_l_folds(ARTICLES) == {"part L": [11]}
    assert parts_jk_folds(ARTICLES) == {"parts J and K": [9, 10]}
    assert part_h_folds(ARTICLES) == {"part H": [6, 7]}
    assert part_i_folds(ARTICLES) == {"part I": [8]}
    assert untouched_folds(ARTICLES[:60]) == {} and part_aj_folds(ARTICLES[:58]) == {} and part_ai_folds(ARTICLES[:56]) == {} and part_ah_folds(ARTICLES[:54]) == {} and part_ag_folds(ARTICLES[:52]) == {} and part_af_folds(ARTICLES[:50]) == {} and part_ae_folds(ARTICLES[:48]) == {} and part_ad_folds(ARTICLES[:46]) == {} and part_ac_folds(ARTICLES[:44]) == {} and part_ab_folds(ARTICLES[:42]) == {} and part_aa_folds(ARTICLES[:40]) == {} and part_z_folds(ARTICLES[:38]) == {} and part_y_folds(ARTICLES[:36]) == {} and part_x_folds(ARTICLES[:34]) == {} and part_w_folds(ARTICLES[:32]) == {} and part_v_folds(ARTICLES[:30]) == {} and part_u_folds(ARTICLES[:28]) == {} and part_t_folds(ARTICLES[:26]) == {} and part_s_folds(ARTICLES[:24]) == {} and part_r_folds(ARTICLES[:22]) == {} and part_q_folds(ARTICLES[:20]) == {} and part_p_folds(ARTICLES[:18]) == {} and part_o_folds(ARTICLES[:16]) == {} and part_n_folds(ARTICLES[:14]) == {} and part_m_folds(ARTICLES[:12]) == {} and part_l_folds(ARTICLES[:6]) == {} and part_h_folds(ARTICLES[:6]) == {} and part_i_folds(ARTICLES[:6]) == {}


def test_grouped_protocols_never_train_on_a_held_out_article():
    for protocol in ("regions", "forms", "untouched", "part-h", "part-i", "parts-jk", "part-l", "part-m", "part-n", "part-o", "part-p", "part-q", "part-r", "part-s", "part-t", "part-u", "part-v", "part-w", "part-x", "part-y", "part-z", "part-aa", "part-ab", "part-ac", "part-ad", "part-ae"):
        for fold in PROTOCOLS[protocol](ARTICLES):
            assert fold.held_out and not {a.id for a in fold.train} & {a.id for a in fold.held_out}
