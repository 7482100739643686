from conflict_events.corpus import Article
from conflict_events.folds import FOLDINGS, SPENT_FOLDINGS, SPENT_PARTS, article_form, form_folds, region_folds, untouched_folds
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
            article(60, "Egypt", "part_ak.jsonl", "brief"), article(61, None, "part_ak.jsonl", "negative"),
            article(62, "Togo", "part_al.jsonl", "brief"), article(63, None, "part_al.jsonl", "negative"),
            article(64, "Benin", "part_am.jsonl", "brief"), article(65, None, "part_am.jsonl", "negative"),
            article(66, "Ghana", "part_an.jsonl", "brief"), article(67, None, "part_an.jsonl", "negative"),
            article(68, "Sudan", "part_ao.jsonl", "brief"), article(69, None, "part_ao.jsonl", "negative"),
            article(70, "Niger", "part_ap.jsonl", "brief"), article(71, None, "part_ap.jsonl", "negative"),
            article(72, "Haiti", "part_aq.jsonl", "brief"), article(73, None, "part_aq.jsonl", "negative"),
            article(74, "Niger", "part_ar.jsonl", "brief"), article(75, None, "part_ar.jsonl", "negative"),
            article(76, "Mali", "part_as.jsonl", "brief"), article(77, None, "part_as.jsonl", "negative"),
            article(78, "Chad", "part_at.jsonl", "brief"), article(79, None, "part_at.jsonl", "negative"),
            article(80, "Haiti", "part_au.jsonl", "brief"), article(81, None, "part_au.jsonl", "negative"),
            article(82, "India", "part_av.jsonl", "brief"), article(83, None, "part_av.jsonl", "negative"),
            article(84, "Chad", "part_aw.jsonl", "brief"), article(85, None, "part_aw.jsonl", "negative"),
            article(86, "Peru", "part_ax.jsonl", "brief"), article(87, None, "part_ax.jsonl", "negative"),
            article(88, "Togo", "part_ay.jsonl", "brief"), article(89, None, "part_ay.jsonl", "negative"),
            article(90, "Yemen", "part_az.jsonl", "brief"), article(91, None, "part_az.jsonl", "negative"),
            article(92, "Haiti", "part_ba.jsonl", "brief"), article(93, None, "part_ba.jsonl", "negative"),
            article(94, "Nepal", "part_bb.jsonl", "brief"), article(95, None, "part_bb.jsonl", "negative"),
            article(96, "Benin", "part_bc.jsonl", "brief"), article(97, None, "part_bc.jsonl", "negative"),
            article(98, "Mali", "part_bd.jsonl", "brief"), article(99, None, "part_bd.jsonl", "negative"),
            article(100, "Niger", "part_be.jsonl", "brief"), article(101, None, "part_be.jsonl", "negative"),
            article(102, "Kenya", "part_bf.jsonl", "brief"), article(103, None, "part_bf.jsonl", "negative"),
            article(104, "Tanzania", "part_bg.jsonl", "brief"), article(105, None, "part_bg.jsonl", "negative"),
            article(106, "Eritrea", "part_bh.jsonl", "brief"), article(107, None, "part_bh.jsonl", "negative"),
            article(108, "Ethiopia", "part_bi.jsonl", "brief"), article(109, None, "part_bi.jsonl", "negative"),
            article(110, "Nigeria", "part_bj.jsonl", "brief"), article(111, None, "part_bj.jsonl", "negative"),
            article(112, "Kenya", "part_bk.jsonl", "brief"), article(113, None, "part_bk.jsonl", "negative"),
            article(114, "Kenya", "part_bl.jsonl", "brief"), article(115, None, "part_bl.jsonl", "negative"),
            article(116, "Kenya", "part_bm.jsonl", "brief"), article(117, None, "part_bm.jsonl", "negative"),
            article(118, "Kenya", "part_bn.jsonl", "brief"), article(119, None, "part_bn.jsonl", "negative"),
            article(120, "Kenya", "part_bo.jsonl", "brief"), article(121, None, "part_bo.jsonl", "negative"),
            article(122, "Kenya", "part_bp.jsonl", "brief"), article(123, None, "part_bp.jsonl", "negative")]


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
    assert untouched_folds(ARTICLES) == {"part BP": [122, 123]}
    assert SPENT_FOLDINGS["part-bo"](ARTICLES) == {"part BO": [120, 121]}
    assert SPENT_FOLDINGS["part-bn"](ARTICLES) == {"part BN": [118, 119]}
    assert SPENT_FOLDINGS["part-bm"](ARTICLES) == {"part BM": [116, 117]}
    assert SPENT_FOLDINGS["part-bl"](ARTICLES) == {"part BL": [114, 115]}
    assert SPENT_FOLDINGS["part-bk"](ARTICLES) == {"part BK": [112, 113]}
    assert SPENT_FOLDINGS["part-bj"](ARTICLES) == {"part BJ": [110, 111]}
    assert SPENT_FOLDINGS["part-bi"](ARTICLES) == {"part BI": [108, 109]}
    assert SPENT_FOLDINGS["part-bh"](ARTICLES) == {"part BH": [106, 107]}
    assert SPENT_FOLDINGS["part-bg"](ARTICLES) == {"part BG": [104, 105]}
    assert SPENT_FOLDINGS["part-bf"](ARTICLES) == {"part BF": [102, 103]}
    assert SPENT_FOLDINGS["part-be"](ARTICLES) == {"part BE": [100, 101]}
    assert SPENT_FOLDINGS["part-bd"](ARTICLES) == {"part BD": [98, 99]}
    assert SPENT_FOLDINGS["part-bc"](ARTICLES) == {"part BC": [96, 97]}
    assert SPENT_FOLDINGS["part-bb"](ARTICLES) == {"part BB": [94, 95]}
    assert SPENT_FOLDINGS["part-ba"](ARTICLES) == {"part BA": [92, 93]}
    assert SPENT_FOLDINGS["part-az"](ARTICLES) == {"part AZ": [90, 91]}
    assert SPENT_FOLDINGS["part-ay"](ARTICLES) == {"part AY": [88, 89]}
    assert SPENT_FOLDINGS["part-ax"](ARTICLES) == {"part AX": [86, 87]}
    assert SPENT_FOLDINGS["part-aw"](ARTICLES) == {"part AW": [84, 85]}
    assert SPENT_FOLDINGS["part-av"](ARTICLES) == {"part AV": [82, 83]}
    assert SPENT_FOLDINGS["part-au"](ARTICLES) == {"part AU": [80, 81]}
    assert SPENT_FOLDINGS["part-at"](ARTICLES) == {"part AT": [78, 79]}
    assert SPENT_FOLDINGS["part-as"](ARTICLES) == {"part AS": [76, 77]}
    assert SPENT_FOLDINGS["part-an"](ARTICLES) == {"part AN": [66, 67]}
    assert SPENT_FOLDINGS["part-am"](ARTICLES) == {"part AM": [64, 65]}
    assert SPENT_FOLDINGS["part-al"](ARTICLES) == {"part AL": [62, 63]}
    assert SPENT_FOLDINGS["part-ak"](ARTICLES) == {"part AK": [60, 61]}
    assert SPENT_FOLDINGS["part-aj"](ARTICLES) == {"part AJ": [58, 59]}
    assert SPENT_FOLDINGS["part-z"](ARTICLES) == {"part Z": [38, 39]}
    assert SPENT_FOLDINGS["part-m"](ARTICLES) == {"part M": [12, 13]}
    assert SPENT_FOLDINGS["part-l"](ARTICLES) == {"part L": [11]}
    assert SPENT_FOLDINGS["parts-jk"](ARTICLES) == {"parts J and K": [9, 10]}
    assert SPENT_FOLDINGS["part-h"](ARTICLES) == {"part H": [6, 7]}
    assert SPENT_FOLDINGS["part-i"](ARTICLES) == {"part I": [8]}
    # every spent part, oldest first, holds out its own two articles (H to BO are articles 6 to 121)
    assert list(SPENT_FOLDINGS) == [f"part-{p}" for p in ("h", "i")] + ["parts-jk"] + [
        f"part-{p}" for p in ("l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
                              "aa", "ab", "ac", "ad", "ae", "af", "ag", "ah", "ai", "aj", "ak", "al", "am", "an", "ao", "ap", "aq", "ar", "as", "at", "au", "av", "aw", "ax", "ay", "az", "ba", "bb", "bc", "bd", "be", "bf", "bg", "bh", "bi", "bj", "bk", "bl", "bm", "bn", "bo")]
    assert len(SPENT_PARTS) == len(SPENT_FOLDINGS) == 59
    # a part not in the corpus (yet) holds out nothing
    assert untouched_folds(ARTICLES[:122]) == {} and SPENT_FOLDINGS["part-bo"](ARTICLES[:120]) == {}
    assert all(folding(ARTICLES[:6]) == {} for folding in SPENT_FOLDINGS.values())


def test_grouped_protocols_never_train_on_a_held_out_article():
    for protocol in [p for p in FOLDINGS if p != "seeds"]:
        for fold in PROTOCOLS[protocol](ARTICLES):
            assert fold.held_out and not {a.id for a in fold.train} & {a.id for a in fold.held_out}
