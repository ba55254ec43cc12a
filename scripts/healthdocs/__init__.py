"""healthdocs: English Markdown + gettext catalogs -> bilingual MkDocs site."""
