from __future__ import annotations

from loaders.config import SAMPLES_DIR
from loaders.extract.metadata import document_metadata
from loaders.extract.regions import region_of
from loaders.formats import parse_bytes, parse_file


def test_miyi_sample():
    m = document_metadata(parse_file(SAMPLES_DIR / "miyi-2023-land-expropriation-center.txt"))
    assert (m.kind, m.unit_name, m.fiscal_year, m.scope) == ("决算", "米易县集体土地征收补偿安置中心", 2023, "部门")
    assert (m.province, m.city, m.county) == ("四川省", "攀枝花市", "米易县")


def test_ziyang_sample_year_is_not_publication_date():
    m = document_metadata(parse_file(SAMPLES_DIR / "ziyang-2021-land-development-center.md"))
    assert (m.kind, m.unit_name, m.fiscal_year) == ("决算", "资阳市土地开发整理中心", 2021)
    assert (m.province, m.city, m.county) == ("四川省", "资阳市", None)


def _meta(text: str):
    return document_metadata(parse_bytes(text.encode("utf-8"), "x.txt"))


def test_not_a_disclosure_has_no_kind():
    assert _meta("今天天气很好，我们去公园散步。预算不多。").kind is None


def test_budget_and_comparison_year():
    m = _meta("南漳县招商服务中心2019年部门预算\n本年收入合计100万元，支出合计100万元，较2018年度决算数增加1万元。")
    assert (m.kind, m.fiscal_year, m.unit_name) == ("预算", 2019, "南漳县招商服务中心")
    assert (m.province, m.city, m.county) == ("湖北省", "襄阳市", "南漳县")
    u = _meta("本单位2021年度总收入581.45万元，较2020年度决算数减少175.26万元，支出480.71万元。")
    assert (u.kind, u.fiscal_year, u.unit_name) == ("决算", 2021, None)


def test_regions():
    assert region_of("上海市普陀区财政局").county == "普陀区"
    assert region_of("上海市普陀区财政局").province == "上海市"
    assert region_of("青神县发展和改革局").city == "眉山市"
    assert region_of("某某单位").province is None


def test_regions_come_from_the_national_list():
    # places the old hand-written list did not have
    r = region_of("天水市麦积区文化和旅游局")
    assert (r.province, r.city, r.county) == ("甘肃省", "天水市", "麦积区")
    r = region_of("昌吉市林业和草原局")
    assert (r.province, r.county) == ("新疆维吾尔自治区", "昌吉市")
    # one county name in two provinces: the name's own province decides
    assert region_of("浙江省舟山市普陀区民政局").city == "舟山市"
    assert region_of("上海市普陀区民政局").city is None


def test_caliber_consolidated_or_own_level():
    m = _meta("上海市普陀区人民政府万里街道办事处2023年部门预算\n本部门预算是包括街道本部以及下属 5 家预算单位的综合收支计划。"
              "收入预算100万元，支出预算100万元，基本支出60万元，项目支出40万元。")
    assert (m.scope, m.caliber) == ("部门", "汇总")
    m = _meta("某县教育局（本级）2023年度部门决算\n本年收入合计100万元，本年支出合计100万元，基本支出60万元。")
    assert m.caliber == "本级"
