"""Ruled tables from drawn edges: pdfplumber's TableFinder, with its cell search indexed.

pdfplumber's ``intersections_to_cells`` scans, for every intersection point, all the
points after it (twice) and rebuilds the edge sets of both points for every pair it tests
— quadratic in the points of a page, the larger part of table finding on pages with
dense grids. ``cells`` below returns the same cells in the same order: the points are
grouped by x and by y once and each point's edge sets are built once. Everything else
(edge merging, intersections, grouping cells into tables, ``Table.rows``) is pdfplumber's.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pdfplumber import utils
from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

Point = tuple[float, float]
BBox = tuple[float, float, float, float]


def cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]]) -> list[BBox]:
    """pdfplumber.table.intersections_to_cells, same result, without the quadratic scans."""
    points = sorted(intersections)
    vsets = {p: {utils.obj_to_bbox(e) for e in d["v"]} for p, d in intersections.items()}
    hsets = {p: {utils.obj_to_bbox(e) for e in d["h"]} for p, d in intersections.items()}
    same_x: dict[float, list[Point]] = defaultdict(list)  # y ascending
    same_y: dict[float, list[Point]] = defaultdict(list)  # x ascending
    at_x: dict[Point, int] = {}
    at_y: dict[Point, int] = {}
    for p in points:
        at_x[p] = len(same_x[p[0]])
        same_x[p[0]].append(p)
        at_y[p] = len(same_y[p[1]])
        same_y[p[1]].append(p)

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not vsets[p1].isdisjoint(vsets[p2]):
            return True
        return p1[1] == p2[1] and not hsets[p1].isdisjoint(hsets[p2])

    out: list[BBox] = []
    for pt in points:
        below = same_x[pt[0]][at_x[pt] + 1 :]
        right = same_y[pt[1]][at_y[pt] + 1 :]
        found = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            out.append(found)
    return out


class _EdgePage:
    """The part of a pdfplumber page that TableFinder reads with the "lines" strategy."""

    def __init__(self, edges: list[dict[str, Any]], bbox: BBox) -> None:
        self.edges = edges
        self.bbox = bbox


class _Finder(TableFinder):
    def __init__(self, page: _EdgePage) -> None:  # TableFinder.__init__ with the indexed cell search
        self.page = page
        self.settings = TableSettings.resolve(None)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance
        )
        self.cells = cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def find_tables(edges: list[dict[str, Any]], bbox: BBox) -> list[Table]:
    """pdfplumber's ``page.find_tables()`` (default settings) on a page with these edges."""
    return _Finder(_EdgePage(edges, bbox)).tables if edges else []
