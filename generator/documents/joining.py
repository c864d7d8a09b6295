"""docxcompose's Composer as the packet joins its parts: every section kept as made, each
append in constant time, and style passes that do only what changes the XML.

The join is byte for byte what upstream's passes make (tests/test_packet.py joins with
them too and compares).
"""

from __future__ import annotations

from copy import deepcopy
from functools import lru_cache

import docxcompose.composer
from docx.oxml.ns import nsmap, qn
from docx.section import Section
from docx.styles import BabelFish
from docxcompose.composer import Composer
from lxml import etree


class _Sections(Composer):
    """docxcompose's Composer, leaving every section as `compose` made it.

    Upstream moves the master's last ``w:pgNumType`` to the end of the first appended
    section's ``sectPr``: that section has its own already, and an element out of the
    schema's order there is what Word reports as unreadable content. Each part's
    sections keep their footers and page numbering as rendered, so nothing is lost.
    """

    def fix_header_and_footers(self, doc):
        return None

    def finish(self) -> None:
        """Do what upstream leaves to the end of a join: nothing."""


class _Linear(_Sections):
    """docxcompose's Composer, whose appends cost the same however long the master grows.

    After each append upstream renumbers every bookmark, drawing and picture ID of the
    whole master and counts all its sections: the join of n parts then costs n². Each
    renumbering is a pass over the final document order, so one pass after the last
    append (`finish`) gives the same IDs; the sections are found among the elements the
    append inserted.
    """

    def insert(self, index, doc, remove_property_fields=True):
        self._inserted = []
        super().insert(index, doc, remove_property_fields)

    def add_styles(self, doc, element):
        self._inserted.append(element)
        super().add_styles(doc, element)

    def renumber_bookmarks(self):
        return None

    def renumber_docpr_ids(self):
        return None

    def renumber_nvpicpr_ids(self):
        return None

    def finish(self) -> None:
        """Renumber bookmarks, drawings and pictures once, over the whole packet."""
        for renumber in (Composer.renumber_bookmarks, Composer.renumber_docpr_ids,
                         Composer.renumber_nvpicpr_ids):
            renumber(self)

    def fix_section_types(self, doc):
        """Upstream's rule, with the first new section found among the inserted elements:
        it starts as the master's last section did, and the master's last section then
        starts as the appended document's last one."""
        if len(doc.sections) == 1:
            return
        first_new = next((sectpr for element in self._inserted
                          for sectpr in element.iter(qn("w:sectPr"))), None)
        if first_new is None:
            return
        last = Section(self.doc.element.body.find(qn("w:sectPr")), self.doc.part)
        Section(first_new, self.doc.part).start_type = last.start_type
        last.start_type = doc.sections[-1].start_type


class _Composer(_Linear):
    """docxcompose's Composer, skipping its style pass where it would change nothing.

    Upstream re-reads every style of the master through python-docx proxies for each
    appended body element. For an element whose styles the master already has under
    the same ID and name, without numbering, that pass leaves the XML as it is; such
    elements are most of every sheet, since all parts come from templates that share
    their styles.
    """

    def _create_style_id_mapping(self, doc):
        """Upstream's two maps (style ID to name, name to ID), read from the XML rather than
        through a python-docx proxy for every style of both documents."""
        self._style_id2name = dict(_style_names(doc))
        self._style_name2id = {name: sid for sid, name in _style_names(self.doc)}
        ours = {s.get(qn("w:styleId")): s for s in self.doc.styles.element.iter(qn("w:style"))}
        self._unchanged_styles = {
            sid for sid, s in ((s.get(qn("w:styleId")), s) for s in doc.styles.element.iter(qn("w:style")))
            if sid in ours and _name(s) == _name(ours[sid]) and not s.findall(".//" + qn("w:numId"))}

    def add_styles(self, doc, element):
        """Upstream's style pass (without preserve_styles), skipped where it would change nothing,
        and reading the master's style IDs from the XML: upstream builds a python-docx
        proxy for every style of the master twice for each style an element uses."""
        self._inserted.append(element)
        used = list(dict.fromkeys(el.get(qn("w:val"))
                                  for el in element.iter(qn("w:tblStyle"), qn("w:pStyle"), qn("w:rStyle"))
                                  if el is not element))
        if set(used) <= self._unchanged_styles:
            return
        ours = _style_ids(self.doc)
        for style_id in used:
            our_style_id = self.mapped_style_id(style_id)
            if our_style_id not in ours:
                style_element = _style(doc, style_id)
                if style_element is not None:
                    style_element = deepcopy(style_element)
                    self.doc.styles.element.append(style_element)
                    self.add_numberings(doc, style_element)
                    self.add_linked_styles(doc, style_element)
            else:
                self._map_abstract_numbering(doc, style_id, our_style_id)
            if our_style_id != style_id and our_style_id is not None:
                for el in _xpath(element, f'.//w:tblStyle[@w:val="{style_id}"]|.//w:pStyle[@w:val="{style_id}"]|'
                                          f'.//w:rStyle[@w:val="{style_id}"]'):
                    el.val = our_style_id
            ours = _style_ids(self.doc)

    def _map_abstract_numbering(self, doc, style_id, our_style_id) -> None:
        """Map the abstract numbering of a style both documents have, as upstream does, so that
        adding numberings makes no second ``w:abstractNum`` for one style."""
        style_element = _style(doc, style_id)
        num_ids = [] if style_element is None else _xpath(style_element, ".//w:numId/@w:val")
        if not num_ids:
            return
        anum_ids = _xpath(doc.part.numbering_part.element, f'.//w:num[@w:numId="{num_ids[0]}"]/w:abstractNumId/@w:val')
        if not anum_ids:
            return
        our_num_ids = _xpath(_style(self.doc, our_style_id), ".//w:numId/@w:val")
        if not our_num_ids:
            return
        our_anum_ids = _xpath(self.numbering_part().element,
                              f'.//w:num[@w:numId="{our_num_ids[0]}"]/w:abstractNumId/@w:val')
        if our_anum_ids:
            self.anum_id_mapping[int(anum_ids[0])] = int(our_anum_ids[0])


def _name(style) -> str | None:
    name = style.find(qn("w:name"))
    return None if name is None else name.get(qn("w:val"))


def _style_names(doc) -> list[tuple[str | None, str | None]]:
    """Return (style ID, name) of each style of `doc` as python-docx's ``Style`` gives them."""
    found = []
    for style in doc.styles.element.iterchildren(qn("w:style")):
        name = _name(style)
        found.append((style.get(qn("w:styleId")), None if name is None else BabelFish.internal2ui(name)))
    return found


@lru_cache(maxsize=512)
def _compiled(expression: str) -> etree.XPath:
    return etree.XPath(expression, namespaces=nsmap)


def _xpath(element, expression: str) -> list:
    """Return what docxcompose's ``utils.xpath`` returns, the expression compiled once.

    docxcompose asks about ten XPath questions of every element it appends, and lxml
    compiles an expression, with python-docx's 30 namespaces, on each call. docxcompose
    has added its own namespaces to python-docx's map, so the answers are the same.
    """
    return _compiled(expression)(element)


docxcompose.composer.xpath = _xpath


def _style_ids(doc) -> set:
    """Return the IDs of the styles of `doc` (what upstream lists through python-docx)."""
    return {style.get(qn("w:styleId")) for style in doc.styles.element.iterchildren(qn("w:style"))}


def _style(doc, style_id):
    """Return the style of `doc` with ID `style_id`, or None (python-docx's ``get_by_id``)."""
    return next((style for style in doc.styles.element.iterchildren(qn("w:style"))
                 if style.get(qn("w:styleId")) == style_id), None)
