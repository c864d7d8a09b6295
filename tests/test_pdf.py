"""The packet as LibreOffice prints it with the real TH Sarabun New."""

from __future__ import annotations

from generator.store import pdf

A4_LANDSCAPE = (841.89, 595.304)
A4_PORTRAIT = (595.304, 841.89)


def _near(size, expected):
    return all(abs(a - b) < 1 for a, b in zip(size, expected))


def test_no_fallback_font_draws_text(packet_pdf):
    assert pdf.fallback_fonts(packet_pdf) == []
    assert pdf.font_names(packet_pdf) and all("THSarabunNew" in f for f in pdf.font_names(packet_pdf))


def test_wide_tables_are_on_landscape_a4(packet_pdf):
    sizes, texts = pdf.page_sizes(packet_pdf), pdf.page_texts(packet_pdf)
    assert len(sizes) == len(texts)
    wide = [i for i, t in enumerate(texts)
            if "ความเชื่อมโยงนโยบาย" in t or "แบบฟอร์มสรุปตัวชี้วัด" in t or "ขั้นต้น (50 คะแนน)" in t]
    assert len(wide) >= 2
    for i in wide:
        assert _near(sizes[i], A4_LANDSCAPE), (i + 1, sizes[i])
    sheets = [i for i, t in enumerate(texts) if "คำอธิบาย" in t]
    assert len(sheets) >= 11
    for i in sheets + [0, 1]:
        assert _near(sizes[i], A4_PORTRAIT), (i + 1, sizes[i])


def test_signature_page_is_whole(packet_pdf):
    page = pdf.page_texts(packet_pdf)[1]
    assert "(นายสุภัทร จำปาทอง)" in page and "(นายสมทรง งามวงษ์)" in page
    assert page.count("วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564") == 2
