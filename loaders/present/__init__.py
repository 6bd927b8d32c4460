"""The presentation side: what turns the built marts into something a reader sees.

    session.py   the notebooks' read-only door to the warehouse (say / draw)
    charts.py    the CJK altair theme, the Decimal -> float chart boundary, PNG + interactive output
    frames.py    the frame helpers the notebooks share (unit-year labels, Chinese headers, no-data notes)
    report.py    executes the notebooks headless and writes report/index.html

Nothing in the pipeline (formats, extract, store) imports this package.
"""
