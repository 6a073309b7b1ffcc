"""Official forms Mẫu 01–07 (Decree 56/2017) generated from a report or a case as DOCX and
PDF in the Decree 30/2020 layout (cpms.documents). Wording: wording.py; forms: registry.py."""
