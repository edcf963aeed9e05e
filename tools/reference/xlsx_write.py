#!/usr/bin/env python3
"""Minimal, deterministic .xlsx writer (standard library only: zipfile) for the
golden cases.  It writes a small but valid SpreadsheetML package:

    [Content_Types].xml, _rels/.rels, docProps/core.xml, docProps/app.xml,
    xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/styles.xml,
    xl/sharedStrings.xml, xl/worksheets/sheetN.xml

Cells (a row is a list of cells):
    str                     shared string
    Inline("text")          inline string (t="inlineStr")
    Rich(["run", "run"])    shared string made of rich-text runs
    int / float             number
    date                    number with a date format (dd/mm/yyyy, custom id 164)
    BuiltinDate(date)       number with the built-in date format 14
    Formula(f, cached)      formula with its cached value (str -> t="str",
                            number, date, or Error)
    Error("#N/A")           error cell (t="e")
    bool                    boolean (t="b")
    None                    no cell

Every zip entry has a fixed timestamp, so the bytes depend only on the input.
"""

import io
import zipfile
from datetime import date
from xml.sax.saxutils import escape

FIXED_TIME = (2018, 1, 1, 0, 0, 0)
EPOCH = date(1899, 12, 30)


class Inline(str):
    pass


class Rich:
    def __init__(self, runs):
        self.runs = list(runs)


class BuiltinDate:
    def __init__(self, d):
        self.d = d


class Formula:
    def __init__(self, formula, cached):
        self.formula = formula
        self.cached = cached


class Error:
    def __init__(self, text="#N/A"):
        self.text = text


NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
STYLE_DATE = 1      # custom numFmt 164 dd/mm/yyyy
STYLE_DATE14 = 2    # built-in numFmt 14
STYLE_HEADER = 3    # bold font, no number format


def col_letters(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _t(text):
    sp = ' xml:space="preserve"' if text != text.strip() or "  " in text or "\u00a0" in text else ""
    return "<t%s>%s</t>" % (sp, escape(text))


def _num(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    r = repr(float(v))
    return r[:-2] if r.endswith(".0") else r


class Workbook:
    def __init__(self):
        self.sheets = []  # (name, rows, state, header_style_row)
        self.shared = []
        self._shared_idx = {}

    def add_sheet(self, name, rows, hidden=False, bold_row=None):
        self.sheets.append((name, rows, "hidden" if hidden else None, bold_row))

    def _sst(self, key, xml):
        if key not in self._shared_idx:
            self._shared_idx[key] = len(self.shared)
            self.shared.append(xml)
        return self._shared_idx[key]

    def _cell(self, ref, v, style=None):
        s = ' s="%d"' % style if style else ""
        if v is None:
            return ""
        if isinstance(v, Inline):
            return '<c r="%s"%s t="inlineStr"><is>%s</is></c>' % (ref, s, _t(str(v)))
        if isinstance(v, str):
            return '<c r="%s"%s t="s"><v>%d</v></c>' % (ref, s, self._sst(("s", v), "<si>%s</si>" % _t(v)))
        if isinstance(v, Rich):
            xml = "<si>%s</si>" % "".join(
                "<r>%s%s</r>" % ("<rPr><b/></rPr>" if i == 0 else "", _t(run)) for i, run in enumerate(v.runs))
            return '<c r="%s"%s t="s"><v>%d</v></c>' % (ref, s, self._sst(("r", tuple(v.runs)), xml))
        if isinstance(v, Error):
            return '<c r="%s"%s t="e"><v>%s</v></c>' % (ref, s, escape(v.text))
        if isinstance(v, bool):
            return '<c r="%s"%s t="b"><v>%s</v></c>' % (ref, s, "1" if v else "0")
        if isinstance(v, BuiltinDate):
            return '<c r="%s" s="%d"><v>%d</v></c>' % (ref, STYLE_DATE14, (v.d - EPOCH).days)
        if isinstance(v, date):
            return '<c r="%s" s="%d"><v>%d</v></c>' % (ref, STYLE_DATE, (v - EPOCH).days)
        if isinstance(v, (int, float)):
            return '<c r="%s"%s><v>%s</v></c>' % (ref, s, _num(v))
        if isinstance(v, Formula):
            f = "<f>%s</f>" % escape(v.formula)
            c = v.cached
            if isinstance(c, Error):
                return '<c r="%s"%s t="e">%s<v>%s</v></c>' % (ref, s, f, escape(c.text))
            if isinstance(c, str):
                return '<c r="%s"%s t="str">%s<v>%s</v></c>' % (ref, s, f, escape(c))
            if isinstance(c, date):
                return '<c r="%s" s="%d">%s<v>%d</v></c>' % (ref, STYLE_DATE, f, (c - EPOCH).days)
            return '<c r="%s"%s>%s<v>%s</v></c>' % (ref, s, f, _num(c))
        raise TypeError("cell value %r" % (v,))

    def _sheet_xml(self, rows, bold_row):
        out = []
        maxc = max((len(r) for r in rows), default=1)
        dim = "A1:%s%d" % (col_letters(max(maxc, 1) - 1), max(len(rows), 1))
        for ri, row in enumerate(rows):
            cells = "".join(self._cell("%s%d" % (col_letters(ci), ri + 1), v,
                                       STYLE_HEADER if bold_row == ri else None)
                            for ci, v in enumerate(row))
            if cells:
                out.append('<row r="%d">%s</row>' % (ri + 1, cells))
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet %s><dimension ref="%s"/><sheetViews><sheetView workbookViewId="0"/>'
                '</sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>%s</sheetData>'
                '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                '</worksheet>' % (NS, dim, "".join(out)))

    def to_bytes(self):
        sheet_xml = [self._sheet_xml(rows, bold) for _n, rows, _s, bold in self.sheets]
        n = len(self.sheets)
        ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
              + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(n))
              + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
              '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
              '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
              '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
              '</Types>')
        rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
                '</Relationships>')
        core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                '<dc:title>Synthetic Annex A extract (golden case)</dc:title><dc:creator>make_golden.py</dc:creator>'
                '<dcterms:created xsi:type="dcterms:W3CDTF">2018-01-01T00:00:00Z</dcterms:created>'
                '</cp:coreProperties>')
        app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
               '<Application>Microsoft Excel</Application></Properties>')
        wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<workbook %s><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>%s</sheets></workbook>'
              % (NS, "".join('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>'
                             % (escape(name, {'"': "&quot;"}), i + 1,
                                ' state="%s"' % st if st else "", i + 1)
                             for i, (name, _r, st, _b) in enumerate(self.sheets))))
        wbrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(n))
                  + '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' % (n + 1)
                  + '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' % (n + 2)
                  + '</Relationships>')
        styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                  '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
                  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
                  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
                  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
                  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
                  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
                  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
                  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
                  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                  '</styleSheet>')
        sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
               % (len(self.shared), len(self.shared), "".join(self.shared)))
        parts = [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("docProps/core.xml", core),
                 ("docProps/app.xml", app), ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", wbrels),
                 ("xl/styles.xml", styles), ("xl/sharedStrings.xml", sst)]
        parts += [("xl/worksheets/sheet%d.xml" % (i + 1), x) for i, x in enumerate(sheet_xml)]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name, text in parts:
                zi = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o600 << 16
                zf.writestr(zi, text.encode("utf-8"))
        return buf.getvalue()
