"""The cyclic collector is off while a text document is parsed or its facts extracted, and comes
back exactly as it was: on after the call if it was on, off if the caller had turned it off,
after an exception, across nested calls and across threads; cycles made meanwhile are still
collected afterwards. The facts are the same either way."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

from loaders.evaluation import extract_text
from loaders.gcpause import gc_paused


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


@gc_paused
def _state(inner=None):
    return gc.isenabled(), (inner() if inner else None)


def test_off_during_the_call_and_on_after():
    assert _state() == (False, None) and gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off():
    gc.disable()
    assert _state()[0] is False and not gc.isenabled()


def test_back_on_after_an_exception():
    @gc_paused
    def boom():
        raise ValueError("x")

    with pytest.raises(ValueError):
        boom()
    assert gc.isenabled()


def test_nested_calls_turn_it_back_on_only_at_the_outermost_end():
    assert _state(_state) == (False, (False, None)) and gc.isenabled()


def test_threads_leave_it_on_when_the_last_call_ends():
    inside, release = threading.Barrier(3), threading.Event()

    @gc_paused
    def hold():
        inside.wait()
        release.wait(10)

    ts = [threading.Thread(target=hold) for _ in range(2)]
    for t in ts:
        t.start()
    inside.wait()
    assert not gc.isenabled()  # both inside
    release.set()
    for t in ts:
        t.join()
    assert gc.isenabled()


def test_cycles_made_meanwhile_are_collected_afterwards():
    class Node:
        pass

    @gc_paused
    def make_cycle():
        a, b = Node(), Node()
        a.other, b.other = b, a
        return weakref.ref(a)

    ref = make_cycle()
    assert ref() is not None  # nothing collected it while paused
    gc.collect()
    assert ref() is None


def test_parse_and_extract_run_paused(monkeypatch):
    import loaders.extract.prose as prose
    import loaders.formats.text as text

    seen = []
    segment, extract_prose = text.segment_text, prose.extract_prose
    monkeypatch.setattr(text, "segment_text", lambda *a, **k: (seen.append(gc.isenabled()), segment(*a, **k))[1])
    monkeypatch.setattr(prose, "extract_prose", lambda *a, **k: (seen.append(gc.isenabled()), extract_prose(*a, **k))[1])
    _, facts = extract_text("2023年本年收入合计3765.66万元。")
    assert seen == [False, False] and gc.isenabled()
    assert [(f.metric, str(f.value)) for f in facts] == [("total_income", "3765.66")]


def test_pdf_reading_is_paused_on_pdfium_and_in_the_layout_not_in_pdfplumber(monkeypatch):
    import builders as B
    from loaders.formats import pdf, pdf_pdfium, pdf_source

    data = B.build_pdf([("heading", "三、支出决算表"), ("paragraph", "本部门本年支出合计2,106.66万元。")],
                       [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "1,200.00"]])
    seen: dict[str, list[bool]] = {"pdfium": [], "pdfplumber": [], "layout": []}

    def spy(mod, name, key):
        real = getattr(mod, name)
        monkeypatch.setattr(mod, name, lambda *a, **k: (seen[key].append(gc.isenabled()), real(*a, **k))[1])

    spy(pdf_pdfium, "read_page", "pdfium")
    spy(pdf_source, "_plumber_page", "pdfplumber")
    spy(pdf, "_ruled_layout", "layout")
    a = pdf.parse_pdf(data, "pdfium")
    b = pdf.parse_pdf(data, "pdfplumber")
    assert seen["pdfium"] and not any(seen["pdfium"])  # pdfium's pages make no cycles: paused
    assert seen["pdfplumber"] and all(seen["pdfplumber"])  # pdfplumber's do: never paused
    assert seen["layout"] and not any(seen["layout"]) and gc.isenabled()
    assert a.text == b.text
