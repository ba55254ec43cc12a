"""`catalogs.update`, msgmerge's rules with a translation memory, entry by entry: which msgstr
each entry gets, whether it is fuzzy, its `#|`, what becomes obsolete (`#~`) and what is dropped.

In-process and fast: `make mutate` runs these against every mutant of catalogs.py."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Message
from healthdocs import catalogs

from ..conftest import msgfmt_check

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'


def po(*entries: str):
    """A catalog (or template) from its entries, as a .po file spells them."""
    return catalogs.loads((HEADER + "\n".join(entries)).encode())


def body(catalog) -> str:
    """The entries of a catalog as `make catalogs` writes them (after the header)."""
    return catalogs.dumps(catalog).decode().partition('charset=UTF-8\\n"\n')[2]


def merged(catalog, template, memory=None) -> str:
    out = catalogs.update(catalog, template, memory)
    assert out is catalog
    text = body(catalog)
    catalogs.update(catalog, template, memory)
    assert body(catalog) == text, "a second update with the same template changed something"
    return text


def pot(*msgids: str) -> object:
    return po(*(f'#: docs/page.md:{2 * n + 3}\nmsgid "{m}"\nmsgstr ""\n' for n, m in enumerate(msgids)))


# -- rule 1: an entry still in the English keeps its msgstr and its state ------------------------


def test_entries_still_in_the_english_keep_msgstr_state_and_comments_with_the_templates_references():
    catalog = po('# keep me\n#: old.md:1\n#. old comment\nmsgid "Pain"\nmsgstr "Dolor"\n',
                 '#, fuzzy\n#| msgid "Risk"\nmsgid "Risks"\nmsgstr "Riesgo"\n',
                 '#, fuzzy\n#| msgid "Back"\nmsgid "Back"\nmsgstr "Espalda"\n',
                 '#, fuzzy\nmsgid "Legs"\nmsgstr "Piernas"\n',
                 '# untranslated note\nmsgid "Arms"\nmsgstr ""\n',
                 '#~ msgid "Gone for good"\n#~ msgstr "Ido para siempre"\n',
                 '#~ msgid "Untranslated gone"\n#~ msgstr ""\n',
                 '#: x.md:1\nmsgid "Dropped untranslated"\nmsgstr ""\n')
    template = po('#. Paragraph\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr ""\n',
                  '#: docs/page.md:5\nmsgid "Risks"\nmsgstr ""\n',
                  '#: docs/page.md:7\nmsgid "Back"\nmsgstr ""\n',
                  '#: docs/page.md:9\nmsgid "Legs"\nmsgstr ""\n',
                  '#: docs/page.md:11\nmsgid "Arms"\nmsgstr ""\n',
                  '#: docs/page.md:13\nmsgid "Brand new words here"\nmsgstr ""\n')
    assert merged(catalog, template) == (
        '\n# keep me\n#. Paragraph\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr "Dolor"\n'
        '\n#: docs/page.md:5\n#, fuzzy\n#| msgid "Risk"\nmsgid "Risks"\nmsgstr "Riesgo"\n'
        # "#|" equal to the msgid: the English it translates is back, nothing left to review
        '\n#: docs/page.md:7\nmsgid "Back"\nmsgstr "Espalda"\n'
        '\n#: docs/page.md:9\n#, fuzzy\nmsgid "Legs"\nmsgstr "Piernas"\n'
        '\n# untranslated note\n#: docs/page.md:11\nmsgid "Arms"\nmsgstr ""\n'
        '\n#: docs/page.md:13\nmsgid "Brand new words here"\nmsgstr ""\n'
        '\n#~ msgid "Gone for good"\n#~ msgstr "Ido para siempre"\n'
    )


def test_the_templates_flags_and_order_win():
    catalog = po('#, no-wrap\nmsgid "B"\nmsgstr "b"\n', '#, fuzzy, c-format\nmsgid "A"\nmsgstr "a"\n')
    template = po('#: t.html:1\n#, python-format\nmsgid "A"\nmsgstr ""\n', '#: t.html:2\nmsgid "B"\nmsgstr ""\n')
    assert merged(catalog, template) == (
        '\n#: t.html:1\n#, fuzzy, python-format\nmsgid "A"\nmsgstr "a"\n'
        '\n#: t.html:2\nmsgid "B"\nmsgstr "b"\n'
    )


def test_context_tells_entries_apart():
    catalog = po('msgctxt "abbreviation"\nmsgid "SCS"\nmsgstr "EME"\n', 'msgid "SCS"\nmsgstr "SCS (estimulación)"\n')
    template = po('msgid "SCS"\nmsgstr ""\n', 'msgctxt "abbreviation"\nmsgid "SCS"\nmsgstr ""\n')
    assert merged(catalog, template) == (
        '\nmsgid "SCS"\nmsgstr "SCS (estimulación)"\n'
        '\nmsgctxt "abbreviation"\nmsgid "SCS"\nmsgstr "EME"\n'
    )


def test_a_whitespace_only_msgstr_is_not_a_translation():
    catalog = po('msgid "Pain in the lower back"\nmsgstr "\\u00a0 "\n'.replace("\\u00a0", "\u00a0"),
                 'msgid "Pain in the lower legs"\nmsgstr " "\n')
    template = pot("Pain in the lower back", "Pain in the upper back")
    # neither is kept as a translation, suggested, or kept as obsolete
    assert merged(catalog, template) == (
        '\n#: docs/page.md:3\nmsgid "Pain in the lower back"\nmsgstr "\u00a0 "\n'
        '\n#: docs/page.md:5\nmsgid "Pain in the upper back"\nmsgstr ""\n'
    )


# -- rule 2: an exact match comes back active -----------------------------------------------------


def test_an_obsolete_translation_comes_back_active_when_the_english_does():
    catalog = po('msgid "Alpha beta gamma."\nmsgstr ""\n', '# its note\n#~ msgid "Delta epsilon."\n#~ msgstr "Delta épsilon."\n')
    template = pot("Alpha beta gamma.", "Delta epsilon.")
    assert merged(catalog, template) == (
        '\n#: docs/page.md:3\nmsgid "Alpha beta gamma."\nmsgstr ""\n'
        '\n# its note\n#: docs/page.md:5\nmsgid "Delta epsilon."\nmsgstr "Delta épsilon."\n'
    )
    assert not catalog.obsolete


def test_an_untranslated_entry_takes_its_obsolete_translation():
    """The entry is in the file untranslated (an editor put it back) and its translation is obsolete."""
    catalog = po('# mine\nmsgid "Delta epsilon."\nmsgstr ""\n', '#~ msgid "Delta epsilon."\n#~ msgstr "Delta épsilon."\n')
    assert merged(catalog, pot("Delta epsilon.")) == '\n#: docs/page.md:3\nmsgid "Delta epsilon."\nmsgstr "Delta épsilon."\n'


def test_an_obsolete_fuzzy_entry_comes_back_fuzzy_with_its_previous_msgid():
    catalog = po('#, fuzzy\n#~| msgid "Delta epsilon"\n#~ msgid "Delta epsilon."\n#~ msgstr "Delta épsilon"\n')
    assert merged(catalog, pot("Delta epsilon.")) == (
        '\n#: docs/page.md:3\n#, fuzzy\n#| msgid "Delta epsilon"\nmsgid "Delta epsilon."\nmsgstr "Delta épsilon"\n')


def test_an_obsolete_fuzzy_entry_whose_previous_msgid_is_back_comes_back_active():
    catalog = po('#, fuzzy\n#~| msgid "Delta epsilon."\n#~ msgid "Delta epsilon!"\n#~ msgstr "Delta épsilon."\n')
    assert merged(catalog, pot("Delta epsilon.")) == (
        '\n#: docs/page.md:3\nmsgid "Delta epsilon."\nmsgstr "Delta épsilon."\n')


def test_reverted_english_takes_the_translation_back_from_the_previous_msgid():
    """The English was edited (the entry went fuzzy with `#|` the old English), then reverted."""
    catalog = po('# my note\n#: docs/page.md:3\n#, fuzzy\n#| msgid "The device helps with pain."\n'
                 'msgid "The device helps with the pain."\nmsgstr "El aparato ayuda con el dolor."\n')
    assert merged(catalog, pot("The device helps with pain.")) == (
        '\n# my note\n#: docs/page.md:3\nmsgid "The device helps with pain."\nmsgstr "El aparato ayuda con el dolor."\n')
    assert not catalog.obsolete


def test_a_fuzzy_entry_whose_previous_msgid_is_back_beside_it():
    """Both the edited English and the original are in the template: each keeps what it had,
    and the original gets the translation back, active."""
    catalog = po('#, fuzzy\n#| msgid "The device helps with pain."\n'
                 'msgid "The device helps with the pain."\nmsgstr "El aparato ayuda con el dolor."\n')
    template = pot("The device helps with the pain.", "The device helps with pain.")
    assert merged(catalog, template) == (
        '\n#: docs/page.md:3\n#, fuzzy\n#| msgid "The device helps with pain."\n'
        'msgid "The device helps with the pain."\nmsgstr "El aparato ayuda con el dolor."\n'
        '\n#: docs/page.md:5\nmsgid "The device helps with pain."\nmsgstr "El aparato ayuda con el dolor."\n')


def test_a_previous_msgid_with_its_context_must_match_the_context():
    catalog = po('#, fuzzy\n#| msgctxt "abbreviation"\n#| msgid "SCS"\nmsgid "Spinal cord stimulation (SCS)"\nmsgstr "EME"\n')
    template = po('msgid "SCS"\nmsgstr ""\n', 'msgctxt "abbreviation"\nmsgid "SCS"\nmsgstr ""\n')
    assert merged(catalog, template) == (
        '\nmsgid "SCS"\nmsgstr ""\n'
        '\nmsgctxt "abbreviation"\nmsgid "SCS"\nmsgstr "EME"\n')


def test_the_first_entry_with_a_previous_msgid_wins():
    catalog = po('#, fuzzy\n#| msgid "Pain"\nmsgid "Pain!"\nmsgstr "Dolor"\n',
                 '#, fuzzy\n#| msgid "Pain"\nmsgid "Pain?"\nmsgstr "Dolor?"\n')
    assert merged(catalog, pot("Pain")) == (
        '\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr "Dolor"\n'
        '\n#, fuzzy\n#~| msgid "Pain"\n#~ msgid "Pain?"\n#~ msgstr "Dolor?"\n')


def test_an_obsolete_exact_match_wins_over_a_previous_msgid():
    catalog = po('#, fuzzy\n#| msgid "Pain"\nmsgid "Pain!"\nmsgstr "Dolor!"\n', '#~ msgid "Pain"\n#~ msgstr "Dolor"\n')
    assert merged(catalog, pot("Pain")) == (
        '\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr "Dolor"\n'
        '\n#, fuzzy\n#~| msgid "Pain"\n#~ msgid "Pain!"\n#~ msgstr "Dolor!"\n')


def test_an_untranslated_previous_msgid_gives_nothing_back():
    catalog = po('#, fuzzy\n#| msgid "Pain"\nmsgid "Pain!"\nmsgstr ""\n')
    assert merged(catalog, pot("Pain")) == '\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr ""\n'


# -- the translation memory: every catalog of the language ----------------------------------------


def test_memory_gives_exact_translations_of_other_catalogs_active():
    other = po('msgid "Infection"\nmsgstr "Infección"\n',
               '#, fuzzy\nmsgid "Bleeding"\nmsgstr "Sangrado?"\n',
               '#, fuzzy\n#| msgid "Swelling"\nmsgid "Swelling!"\nmsgstr "Hinchazón"\n',
               '#~ msgid "Fever"\n#~ msgstr "Fiebre"\n',
               'msgid "Pain"\nmsgstr ""\n',
               'msgctxt "abbreviation"\nmsgid "MRI"\nmsgstr "RM"\n')
    memory = catalogs.Memory.of([other])
    assert {key: m.string for key, m in memory.exact.items()} == {
        ("Infection", None): "Infección", ("Swelling", None): "Hinchazón", ("Fever", None): "Fiebre",
        ("MRI", "abbreviation"): "RM"}
    catalog = po('msgid "Infection"\nmsgstr ""\n')
    template = po(*(f'msgid "{m}"\nmsgstr ""\n' for m in ("Infection", "Bleeding", "Swelling", "Fever", "Pain")),
                  'msgctxt "abbreviation"\nmsgid "MRI"\nmsgstr ""\n', 'msgid "MRI"\nmsgstr ""\n')
    assert merged(catalog, template, memory) == (
        '\nmsgid "Infection"\nmsgstr "Infección"\n'
        '\nmsgid "Bleeding"\nmsgstr ""\n'
        '\nmsgid "Swelling"\nmsgstr "Hinchazón"\n'
        '\nmsgid "Fever"\nmsgstr "Fiebre"\n'
        '\nmsgid "Pain"\nmsgstr ""\n'
        '\nmsgctxt "abbreviation"\nmsgid "MRI"\nmsgstr "RM"\n'
        '\nmsgid "MRI"\nmsgstr ""\n')


def test_memory_keeps_the_first_translation_and_never_gives_a_fuzzy_one():
    first = po('msgid "Pain"\nmsgstr "Dolor"\n', '#, fuzzy\nmsgid "Risk"\nmsgstr "Riesgo"\n')
    second = po('msgid "Pain"\nmsgstr "Dolencia"\n', 'msgid "Risk"\nmsgstr "Peligro"\n')
    memory = catalogs.Memory.of([first, second])
    assert {key: m.string for key, m in memory.exact.items()} == {("Pain", None): "Dolor", ("Risk", None): "Peligro"}
    assert catalogs.Memory.of([]).exact == {}


def test_the_catalogs_own_translations_win_over_the_memory():
    catalog = po('#~ msgid "Pain"\n#~ msgstr "Dolor"\n')
    memory = catalogs.Memory.of([po('msgid "Pain"\nmsgstr "Dolencia"\n')])
    assert merged(catalog, pot("Pain"), memory) == '\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr "Dolor"\n'
    catalog = po('#, fuzzy\n#| msgid "Pain"\nmsgid "Pain."\nmsgstr "Dolor"\n')
    assert merged(catalog, pot("Pain"), memory) == '\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr "Dolor"\n'


def test_memory_of_a_language_reads_every_catalog_it_can(tmp_path):
    folder = tmp_path / "locales" / "es"
    (folder / "deep").mkdir(parents=True)
    (folder / "a.po").write_text(HEADER + 'msgid "Pain"\nmsgstr "Dolor"\n', encoding="utf-8")
    (folder / "deep" / "b.po").write_text(HEADER + 'msgid "Pain"\nmsgstr "Dolencia"\n\nmsgid "Risk"\nmsgstr "Riesgo"\n', encoding="utf-8")
    (folder / "broken.po").write_text(HEADER + 'msgid "Fever"\nmsgstr "Fiebre\n', encoding="utf-8")  # skipped
    (folder / "c.pot").write_text(HEADER + 'msgid "Cough"\nmsgstr "Tos"\n', encoding="utf-8")  # not a catalog
    (tmp_path / "locales" / "fr").mkdir()
    (tmp_path / "locales" / "fr" / "a.po").write_text(HEADER.replace("es", "fr") + 'msgid "Pain"\nmsgstr "Douleur"\n', encoding="utf-8")
    memory = catalogs.memory(catalogs.Layout(tmp_path), "es")
    assert {key: m.string for key, m in memory.exact.items()} == {("Pain", None): "Dolor", ("Risk", None): "Riesgo"}
    assert catalogs.memory(catalogs.Layout(tmp_path), "de").exact == {}


# -- rule 3: the most similar translated msgid gives a fuzzy suggestion -----------------------------


def test_a_changed_msgid_gets_a_fuzzy_suggestion_with_its_previous_msgid():
    catalog = po('# a note\n#: docs/page.md:3\nmsgid "Your skin will be numbed with a local anesthetic."\n'
                 'msgstr "Se adormecerá la piel con un anestésico local."\n',
                 'msgid "A paragraph that goes away."\nmsgstr "Un párrafo que desaparece."\n')
    template = pot("Your skin will be numbed with a local anesthetic first.")
    assert merged(catalog, template) == (
        '\n# a note\n#: docs/page.md:3\n#, fuzzy\n#| msgid "Your skin will be numbed with a local anesthetic."\n'
        'msgid "Your skin will be numbed with a local anesthetic first."\n'
        'msgstr "Se adormecerá la piel con un anestésico local."\n'
        '\n#~ msgid "A paragraph that goes away."\n#~ msgstr "Un párrafo que desaparece."\n')


def test_a_suggestion_from_a_fuzzy_entry_keeps_the_english_its_msgstr_translates():
    catalog = po('#, fuzzy\n#| msgid "The device helps with pain in the back."\n'
                 'msgid "The device helps with pain in the lower back."\nmsgstr "El aparato ayuda con el dolor de espalda."\n')
    template = pot("The device helps with pain in the lower back and legs.")
    assert merged(catalog, template) == (
        '\n#: docs/page.md:3\n#, fuzzy\n#| msgid "The device helps with pain in the back."\n'
        'msgid "The device helps with pain in the lower back and legs."\nmsgstr "El aparato ayuda con el dolor de espalda."\n')
    assert not catalog.obsolete  # the suggestion took it


def test_a_suggestion_keeps_the_previous_context():
    catalog = po('#, fuzzy\n#| msgctxt "old"\n#| msgid "The device helps with pain in the back."\n'
                 'msgctxt "new"\nmsgid "The device helps with pain in the lower back."\nmsgstr "El aparato ayuda."\n')
    template = po('msgctxt "new"\nmsgid "The device helps with pain in the lower back and legs."\nmsgstr ""\n')
    assert merged(catalog, template) == (
        '\n#, fuzzy\n#| msgctxt "old"\n#| msgid "The device helps with pain in the back."\n'
        'msgctxt "new"\nmsgid "The device helps with pain in the lower back and legs."\nmsgstr "El aparato ayuda."\n')


def test_an_obsolete_entry_gives_a_suggestion_too():
    catalog = po('#~ msgid "The device helps with pain in the back."\n#~ msgstr "El aparato ayuda con el dolor de espalda."\n')
    assert merged(catalog, pot("The device helps with pain in the lower back.")) == (
        '\n#: docs/page.md:3\n#, fuzzy\n#| msgid "The device helps with pain in the back."\n'
        'msgid "The device helps with pain in the lower back."\nmsgstr "El aparato ayuda con el dolor de espalda."\n')


def test_one_suggestion_may_serve_two_entries_and_is_then_not_obsolete():
    catalog = po('msgid "The device helps with pain in the back."\nmsgstr "El aparato ayuda con el dolor de espalda."\n')
    template = pot("The device helps with pain in the lower back.", "The device helps with pain in the upper back.")
    assert merged(catalog, template) == (
        '\n#: docs/page.md:3\n#, fuzzy\n#| msgid "The device helps with pain in the back."\n'
        'msgid "The device helps with pain in the lower back."\nmsgstr "El aparato ayuda con el dolor de espalda."\n'
        '\n#: docs/page.md:5\n#, fuzzy\n#| msgid "The device helps with pain in the back."\n'
        'msgid "The device helps with pain in the upper back."\nmsgstr "El aparato ayuda con el dolor de espalda."\n')


def test_an_untranslated_entry_in_the_english_is_kept_not_suggested():
    """msgmerge would fill it with a fuzzy suggestion; an entry in the English the translator
    has not translated yet is kept as it is (a suggestion goes to new entries only)."""
    catalog = po('msgid "The device helps with pain in the back."\nmsgstr "El aparato ayuda con el dolor de espalda."\n',
                 '# to do\nmsgid "The device helps with pain in the lower back."\nmsgstr ""\n')
    template = pot("The device helps with pain in the lower back.")
    assert merged(catalog, template) == (
        '\n# to do\n#: docs/page.md:3\nmsgid "The device helps with pain in the lower back."\nmsgstr ""\n'
        '\n#~ msgid "The device helps with pain in the back."\n#~ msgstr "El aparato ayuda con el dolor de espalda."\n')


def test_a_far_msgid_gets_no_suggestion():
    catalog = po('msgid "The device helps with pain in the back."\nmsgstr "El aparato ayuda."\n')
    assert merged(catalog, pot("Call your provider if the wound is red.")) == (
        '\n#: docs/page.md:3\nmsgid "Call your provider if the wound is red."\nmsgstr ""\n'
        '\n#~ msgid "The device helps with pain in the back."\n#~ msgstr "El aparato ayuda."\n')


def test_a_suggestion_that_came_back_the_same_leaves_no_obsolete_copy():
    """A fuzzy entry whose `#|` is back, translated the same: the copy is not kept as `#~`."""
    catalog = po('msgid "Pain in the back."\nmsgstr "Dolor de espalda."\n',
                 '#, fuzzy\n#| msgid "Pain in the back."\nmsgid "Pain in the lower back."\nmsgstr "Dolor de espalda."\n',
                 '#, fuzzy\n#| msgid "Pain in the back."\nmsgid "Pain in the upper back."\nmsgstr "Dolor arriba."\n')
    assert merged(catalog, pot("Pain in the back.")) == (
        '\n#: docs/page.md:3\nmsgid "Pain in the back."\nmsgstr "Dolor de espalda."\n'
        '\n#, fuzzy\n#~| msgid "Pain in the back."\n#~ msgid "Pain in the upper back."\n#~ msgstr "Dolor arriba."\n')


def test_an_obsolete_entry_whose_msgid_is_active_again_is_dropped():
    catalog = po('msgid "Pain"\nmsgstr "Dolor"\n', '#~ msgid "Pain"\n#~ msgstr "Dolencia"\n')
    assert merged(catalog, pot("Pain")) == '\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr "Dolor"\n'


def test_obsolete_entries_lose_their_references_and_extracted_comments_and_keep_the_translators():
    catalog = po('# my note\n#. Paragraph\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr "Dolor"\n')
    assert merged(catalog, pot("Fever and chills at night")) == (
        '\n#: docs/page.md:3\nmsgid "Fever and chills at night"\nmsgstr ""\n'
        '\n# my note\n#~ msgid "Pain"\n#~ msgstr "Dolor"\n')
    (obsolete,) = catalog.obsolete.values()
    assert (obsolete.locations, obsolete.auto_comments) == ([], [])


def test_obsolete_entries_keep_their_context():
    catalog = po('msgctxt "abbreviation"\nmsgid "SCS"\nmsgstr "EME"\n')
    assert merged(catalog, pot("Fever and chills at night")) == (
        '\n#: docs/page.md:3\nmsgid "Fever and chills at night"\nmsgstr ""\n'
        '\n#~ msgctxt "abbreviation"\n#~ msgid "SCS"\n#~ msgstr "EME"\n')
    assert list(catalog.obsolete) == [("SCS", "abbreviation")]


# -- plurals ------------------------------------------------------------------------------------------

PLURAL = 'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] ""\nmsgstr[1] ""\n'


def test_plural_entries_keep_every_form():
    catalog = po('msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s día"\nmsgstr[1] "%(n)s días"\n')
    assert merged(catalog, po(PLURAL)) == (
        '\nmsgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s día"\nmsgstr[1] "%(n)s días"\n')


def test_a_new_plural_entry_has_an_empty_string_for_each_form():
    assert merged(po(), po(PLURAL)) == '\n' + PLURAL
    assert catalogs.new_catalog("es") is not None
    catalog = po()
    catalogs.update(catalog, po(PLURAL))
    assert catalog.get("%(n)s day").string == ("", "")


def test_a_singular_translation_of_a_plural_msgid_fills_the_first_form():
    """The English became plural (same msgid): the singular msgstr is kept as the first form."""
    catalog = po('msgid "%(n)s day"\nmsgstr "%(n)s día"\n')
    assert merged(catalog, po(PLURAL)) == (
        '\nmsgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s día"\nmsgstr[1] ""\n')


def test_a_plural_translation_of_a_singular_msgid_keeps_the_first_form():
    catalog = po('msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s día"\nmsgstr[1] "%(n)s días"\n')
    assert merged(catalog, po('msgid "%(n)s day"\nmsgstr ""\n')) == '\nmsgid "%(n)s day"\nmsgstr "%(n)s día"\n'


def test_a_fuzzy_suggestion_keeps_its_form():
    """A singular entry is never suggested for a plural one, nor a plural for a singular."""
    catalog = po('msgid "the English version has been newer since %(since)s."\nmsgstr "el inglés es más nuevo desde %(since)s."\n')
    template = po('msgid "the English version has been newer since %(since)s (%(count)s day)."\n'
                  'msgid_plural "the English version has been newer since %(since)s (%(count)s days)."\n'
                  'msgstr[0] ""\nmsgstr[1] ""\n')
    text = merged(catalog, template)
    assert "fuzzy" not in text and text.count('msgstr[0] ""\nmsgstr[1] ""') == 1
    plural = po('msgid "You have %(n)s new messages in your box."\nmsgid_plural "You have %(n)s new messages."\n'
                'msgstr[0] "Tiene %(n)s mensaje."\nmsgstr[1] "Tiene %(n)s mensajes."\n')
    text = merged(plural, po('msgid "You have %(n)s new messages in the box."\nmsgstr ""\n'))
    assert text.startswith('\nmsgid "You have %(n)s new messages in the box."\nmsgstr ""\n')


def test_a_fuzzy_plural_suggestion_keeps_both_previous_msgids():
    catalog = po('msgid "You have %(n)s new message."\nmsgid_plural "You have %(n)s new messages."\n'
                 'msgstr[0] "Tiene %(n)s mensaje."\nmsgstr[1] "Tiene %(n)s mensajes."\n')
    template = po('msgid "You have %(n)s new message today."\nmsgid_plural "You have %(n)s new messages today."\n'
                  'msgstr[0] ""\nmsgstr[1] ""\n')
    assert merged(catalog, template) == (
        '\n#, fuzzy\n#| msgid "You have %(n)s new message."\n#| msgid_plural "You have %(n)s new messages."\n'
        'msgid "You have %(n)s new message today."\nmsgid_plural "You have %(n)s new messages today."\n'
        'msgstr[0] "Tiene %(n)s mensaje."\nmsgstr[1] "Tiene %(n)s mensajes."\n')
    again = po('#, fuzzy\n#| msgid "You have %(n)s new message."\n#| msgid_plural "You have %(n)s new messages."\n'
               'msgid "You have %(n)s new message now."\nmsgid_plural "You have %(n)s new messages now."\n'
               'msgstr[0] "Tiene %(n)s mensaje."\nmsgstr[1] "Tiene %(n)s mensajes."\n')
    assert merged(again, template).startswith(
        '\n#, fuzzy\n#| msgid "You have %(n)s new message."\n#| msgid_plural "You have %(n)s new messages."\n'
        'msgid "You have %(n)s new message today."\n')


# -- the pieces: _merged, _previous_of, keys --------------------------------------------------------


def fuzzy(id, string, previous=None, previous_context=None, context=None):
    m = Message(id, string, context=context, previous_id=previous or [])
    m.flags.add("fuzzy")
    m.previous_context = previous_context
    return m


def test_previous_of_a_suggestion():
    assert catalogs._previous_of(Message("Pain", "Dolor", context="c")) == ("Pain", "c")
    assert catalogs._previous_of(fuzzy("Pain", "Dolor", context="c")) == ("Pain", "c")  # no #|: its own msgid
    assert catalogs._previous_of(fuzzy("Pain", "Dolor", ["Pai"], "old", context="c")) == ("Pai", "old")
    assert catalogs._previous_of(fuzzy("Pain", "Dolor", ["Pai"], context="c")) == ("Pai", None)
    assert catalogs._previous_of(fuzzy(("a", "b"), ("x", "y"), ["a0", "b0"])) == (["a0", "b0"], None)
    not_fuzzy = Message("Pain", "Dolor", previous_id=["Pai"])
    assert catalogs._previous_of(not_fuzzy) == ("Pain", None)


def test_previous_key():
    assert catalogs._previous_key(Message("Pain", "Dolor", previous_id=["Pai"])) is None  # not fuzzy
    assert catalogs._previous_key(fuzzy("Pain", "Dolor")) is None
    assert catalogs._previous_key(fuzzy("Pain", "Dolor", ["Pai"], "old")) == ("Pai", "old")
    assert catalogs._previous_key(fuzzy(("a", "b"), "x", ["a0", "b0"])) == ("a0", None)
    assert catalogs.key_of(Message(("a", "b"), ("x", "y"), context="c")) == ("a", "c")
    assert catalogs._babel_key(Message("a", "x", context="c")) == ("a", "c")
    assert catalogs._babel_key(Message(("a", "b"), "x")) == "a"


def test_merged_entry():
    template = Message("Pain", "", locations=[("docs/page.md", 3)], auto_comments=["Paragraph"], flags={"fuzzy", "no-wrap"})
    source = Message("Pain!", "Dolor", user_comments=["note"])
    out = catalogs._merged(template, source, fuzzy=True, previous=("Pain!", "ctx"), forms=2)
    assert (out.id, out.string, out.locations, out.auto_comments, out.user_comments, out.flags, out.previous_id,
            out.previous_context) == ("Pain", "Dolor", [("docs/page.md", 3)], ["Paragraph"], ["note"], {"fuzzy", "no-wrap"},
                                      ["Pain!"], "ctx")
    assert out.user_comments is not source.user_comments
    out = catalogs._merged(template, source, fuzzy=False, previous=("Pain!", "ctx"), forms=2)
    assert (out.flags, out.previous_id, out.previous_context) == ({"no-wrap"}, [], None)
    out = catalogs._merged(template, source, fuzzy=True, previous=None, forms=2)
    assert (out.flags, out.previous_id, out.previous_context) == ({"fuzzy", "no-wrap"}, [], None)
    out = catalogs._merged(template, Message("Pain", "  "), fuzzy=True, previous=("Pain!", None), forms=2)
    assert (out.string, out.flags, out.previous_id) == ("  ", {"no-wrap"}, [])  # nothing to review: not fuzzy
    out = catalogs._merged(template, None, fuzzy=False, previous=None, forms=2)
    assert (out.string, out.user_comments, out.flags) == ("", [], {"no-wrap"})
    plural = Message(("day", "days"), ("", "", ""))
    out = catalogs._merged(plural, None, fuzzy=False, previous=None, forms=2)
    assert out.string == ("", "")
    out = catalogs._merged(plural, None, fuzzy=False, previous=None, forms=6)
    assert out.string == ("",) * 6
    out = catalogs._merged(plural, Message("day", "día"), fuzzy=True, previous=(["day0", "days0"], None), forms=2)
    assert (out.string, out.previous_id) == (("día", ""), ["day0", "days0"])
    out = catalogs._merged(Message(("d", "ds"), ""), Message("d", "x"), fuzzy=False, previous=None, forms=3)
    assert out.string == ("x", "", "")
    out = catalogs._merged(template, Message(("Pain", "Pains"), ("Dolor", "Dolores")), fuzzy=False, previous=None, forms=2)
    assert out.string == "Dolor"
    out = catalogs._merged(template, Message(("Pain", "Pains"), ()), fuzzy=False, previous=None, forms=2)
    assert out.string == ""
    out = catalogs._merged(template, Message(("Pain", "Pains"), ["Dolor", "Dolores"]), fuzzy=False, previous=None, forms=2)
    assert out.string == "Dolor"
    out = catalogs._merged(plural, Message(("day", "days"), ["día", "días"]), fuzzy=False, previous=None, forms=2)
    assert out.string == ["día", "días"]


def test_has_text_strings_and_singular():
    assert catalogs._has_text("a") and catalogs._has_text(("", "b")) and catalogs._has_text([" ", "b"])
    assert not catalogs._has_text("") and not catalogs._has_text(None) and not catalogs._has_text(("", " \u2003"))
    assert not catalogs._has_text(())
    assert catalogs._strings("a") == ("a",) and catalogs._strings(["a", "b"]) == ("a", "b") and catalogs._strings(("a",)) == ("a",)
    assert catalogs._singular(("a", "b")) == "a" and catalogs._singular(["a", "b"]) == "a" and catalogs._singular("a") == "a"


# -- similarity and the fuzzy index: gettext's -----------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("", "", 1.0),
    ("a", "", 0.0),
    ("", "abc", 0.0),
    ("abc", "abc", 1.0),
    ("kitten", "sitting", 8 / 13),
    ("sitting", "kitten", 8 / 13),
    ("año", "ano", 4 / 7),  # on UTF-8 bytes: ñ is two
    ("ab", "ba", 0.5),
    ("abcd", "xyz", 0.0),
    ("ab", "aab", 0.8),
    ("The device helps.", "El aparato ayuda.", 6 / 34),
    ("The device helps with pain in the back.", "Pain in the back: the device helps with it.", 48 / 82),
    ("a" * 70, "a" * 69 + "b", 138 / 140),  # longer than 64: more than one machine word
])
def test_similarity_is_gettexts_ratio(a, b, expected):
    assert catalogs.similarity(a, b) == pytest.approx(expected, abs=1e-12)


def test_longest_common_subsequence():
    assert catalogs._lcs(b"", b"") == 0
    assert catalogs._lcs(b"abc", b"") == 0
    assert catalogs._lcs(b"", b"abc") == 0
    assert catalogs._lcs(b"abcbdab", b"bdcaba") == 4
    assert catalogs._lcs(b"bdcaba", b"abcbdab") == 4
    assert catalogs._lcs(b"xaxbx", b"ab") == 2
    assert catalogs._lcs(b"ab", b"xaxbx") == 2
    assert catalogs._lcs(b"aaaa", b"aa") == 2
    assert catalogs._lcs(b"\x00\x01", b"\x01\x00") == 1
    assert catalogs._lcs(b"abc", b"def") == 0


def test_grams():
    assert catalogs._grams("abcdef") == ["abcd", "bcde", "cdef"]
    assert catalogs._grams("abcd") == ["abcd"]
    assert catalogs._grams("abc") == []


def candidates(*msgids, context=None):
    return [Message(m, f"t{n}", context=context) for n, m in enumerate(msgids)]


def test_index_order_by_shared_grams_then_file_order():
    index = catalogs._FuzzyIndex(candidates("xx abcd", "abcdefgh", "zzzz", "abcdef", "efgh"))
    assert index.by_gram["abcd"] == [0, 1, 3]
    assert index._order("abcdefgh") == [1, 3, 0, 4]
    assert index._order("qqqq") == []
    repeated = catalogs._FuzzyIndex(candidates("abcdabcd", "abcd"))
    assert repeated.by_gram["abcd"] == [0, 1]  # a 4-gram counts once per candidate
    assert repeated._order("abcd abcd") == [0, 1]


def test_index_of_short_msgids_by_length():
    # fewer than 4 characters: the candidates whose byte length could give a ratio above 0.6
    index = catalogs._FuzzyIndex(candidates("a", "ab", "abcd", "abc", "abcdefghijkl", "ñ", "abcdefg", "abcdef"))
    assert catalogs._LENGTH_FACTOR == pytest.approx(2 / 0.6 - 1)
    assert index._order("ab") == [0, 1, 5, 3, 2]  # lengths 1..4, shortest first, then file order
    assert index._order("abc") == [1, 5, 3, 2, 7, 6]  # lengths 2..7 (ñ is two bytes)
    # "abc" in "abcdefg": 2 * 3 / 10 = 0.6, above the threshold with the bonus for no context
    assert best(catalogs._FuzzyIndex(candidates("abcdefg")), "abc") == "t0"
    assert best(catalogs._FuzzyIndex(candidates("abcdefgh")), "abc") is None
    assert index._order("ñ") == [0, 1, 5, 3, 2]
    assert index._order("") == []


def best(index, msgid, context=None, plural=None):
    template = Message((msgid, plural) if plural else msgid, "", context=context)
    found = index.best(template)
    return None if found is None else found.string


def test_best_takes_the_highest_score_above_the_threshold():
    index = catalogs._FuzzyIndex(candidates("The device helps with pain.", "The device helps with pain in the back.",
                                            "Call your provider."))
    assert best(index, "The device helps with pain in the lower back.") == "t1"
    assert best(index, "The device helps with pains.") == "t0"
    assert best(index, "Call your provider now.") == "t2"
    assert best(index, "Something else entirely, with no words shared.") is None


def test_best_needs_a_score_above_the_threshold_not_equal():
    # "abcd" and "abcdxyzw": 2 * 4 / 12 = 0.667; "abcd" and "abcdwxyzuv": 2 * 4 / 14 = 0.571
    assert best(catalogs._FuzzyIndex(candidates("abcdxyzw")), "abcd") == "t0"
    assert best(catalogs._FuzzyIndex(candidates("abcdwxyzuv")), "abcd") is None
    # exactly 0.6: 2 * 6 / 20 ("abcdef" in "abcdefghijklmn") is not above it...
    assert catalogs.similarity("abcdef", "abcdefghijklmn") == 0.6
    assert best(catalogs._FuzzyIndex(candidates("abcdefghijklmn", context="x")), "abcdef") is None
    # ...but msgmerge's tiny advantage for no msgctxt, or the same one, puts it above
    assert best(catalogs._FuzzyIndex(candidates("abcdefghijklmn")), "abcdef") == "t0"
    assert best(catalogs._FuzzyIndex(candidates("abcdefghijklmn", context="x")), "abcdef", context="x") == "t0"
    assert best(catalogs._FuzzyIndex(candidates("abcdefghijklmno")), "abcdef") is None  # 12 / 21
    assert best(catalogs._FuzzyIndex(candidates("abcdefghijklm", context="x")), "abcdef") == "t0"  # 12 / 19


def test_best_prefers_the_same_or_no_context_on_a_tie():
    same = [Message("The device helps with pain.", "other ctx", context="b"),
            Message("The device helps with pain.", "same ctx", context="a")]
    assert best(catalogs._FuzzyIndex(same), "The device helps with pains.", context="a") == "same ctx"
    none = [Message("The device helps with pain.", "other ctx", context="b"),
            Message("The device helps with pain.", "no ctx")]
    assert best(catalogs._FuzzyIndex(none), "The device helps with pains.", context="a") == "no ctx"
    assert best(catalogs._FuzzyIndex(none[::-1]), "The device helps with pains.", context="a") == "no ctx"
    # on a real tie, the first in order wins
    tie = [Message("The device helps with pain.", "first"), Message("The device helps with pain.", "second")]
    assert best(catalogs._FuzzyIndex(tie), "The device helps with pains.") == "first"
    # a different context still gets a suggestion when it is the only one
    assert best(catalogs._FuzzyIndex(same[:1]), "The device helps with pains.", context="a") == "other ctx"


def test_best_keeps_singular_and_plural_apart():
    index = catalogs._FuzzyIndex([Message("You have a new message.", "singular"),
                                  Message(("You have a new message!", "You have new messages!"), ("p0", "p1"))])
    assert best(index, "You have a new message") == "singular"
    assert index.best(Message(("You have a new message", "You have new messages"), ("", ""))).string == ("p0", "p1")
    only_plural = catalogs._FuzzyIndex([Message(("You have a new message!", "You have new messages!"), ("p0", "p1"))])
    assert best(only_plural, "You have a new message") is None


def test_best_short_msgids():
    index = catalogs._FuzzyIndex(candidates("Pain", "Pai", "Xyz"))
    assert best(index, "Pan") == "t0"  # "Pan"/"Pai": 2*2/6 = 0.667, tried first; "Pan"/"Pain": 2*3/7 = 0.857
    index = catalogs._FuzzyIndex(candidates("Pai", "Pain"))
    assert best(index, "Pan") == "t1"
    assert best(catalogs._FuzzyIndex(candidates("Xyz")), "Pan") is None


# -- corners that each lost or kept a translation where they should not ------------------------------


def test_a_fuzzy_entry_without_a_translation_does_not_hide_one_with_the_same_previous_msgid():
    catalog = po('# not translated\n#, fuzzy\n#| msgid "Pain"\nmsgid "Pain!"\nmsgstr ""\n',
                 '#, fuzzy\n#| msgid "Pain"\nmsgid "Pain?"\nmsgstr "Dolor"\n')
    assert merged(catalog, pot("Pain")) == '\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr "Dolor"\n'


def test_a_translator_comment_of_an_untranslated_fuzzy_entry_is_not_carried():
    catalog = po('# not translated\n#, fuzzy\n#| msgid "Pain"\nmsgid "Pain!"\nmsgstr ""\n')
    assert merged(catalog, pot("Pain")) == '\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr ""\n'


def test_every_obsolete_entry_after_one_whose_msgid_is_back_is_kept():
    catalog = po('msgid "Pain"\nmsgstr "Dolor"\n', '#~ msgid "Pain"\n#~ msgstr "Dolencia"\n',
                 '#~ msgid "Fever"\n#~ msgstr "Fiebre"\n', '#~ msgid "Cough"\n#~ msgstr "Tos"\n')
    assert merged(catalog, pot("Pain")) == (
        '\n#: docs/page.md:3\nmsgid "Pain"\nmsgstr "Dolor"\n'
        '\n#~ msgid "Fever"\n#~ msgstr "Fiebre"\n'
        '\n#~ msgid "Cough"\n#~ msgstr "Tos"\n')


def test_a_fuzzy_copy_is_dropped_only_when_the_entry_it_came_from_is_settled():
    """The entry the copy came from is back but still fuzzy itself: the copy is kept as `#~`."""
    catalog = po('#, fuzzy\n#| msgid "Pain in the back"\nmsgid "Pain in the back."\nmsgstr "Dolor de espalda."\n',
                 '#, fuzzy\n#| msgid "Pain in the back."\nmsgid "Pain in the lower back."\nmsgstr "Dolor de espalda."\n')
    assert merged(catalog, pot("Pain in the back.")) == (
        '\n#: docs/page.md:3\n#, fuzzy\n#| msgid "Pain in the back"\nmsgid "Pain in the back."\nmsgstr "Dolor de espalda."\n'
        '\n#, fuzzy\n#~| msgid "Pain in the back."\n#~ msgid "Pain in the lower back."\n#~ msgstr "Dolor de espalda."\n')


def test_a_fuzzy_copy_with_another_form_of_the_msgstr_is_kept():
    """The same characters split into plural forms are not the same translation."""
    catalog = po('msgid "day"\nmsgid_plural "days"\nmsgstr[0] "d"\nmsgstr[1] "í"\n',
                 '#, fuzzy\n#| msgid "day"\nmsgid "day?"\nmsgstr "dí"\n')
    assert merged(catalog, po('msgid "day"\nmsgid_plural "days"\nmsgstr[0] ""\nmsgstr[1] ""\n')) == (
        '\nmsgid "day"\nmsgid_plural "days"\nmsgstr[0] "d"\nmsgstr[1] "í"\n'
        '\n#, fuzzy\n#~| msgid "day"\n#~ msgid "day?"\n#~ msgstr "dí"\n')


def test_english_made_plural_and_reverted_comes_back_active_with_the_first_form():
    catalog = po('#, fuzzy\n#| msgid "%(n)s day left"\nmsgid "%(n)s day remaining"\nmsgid_plural "%(n)s days remaining"\n'
                 'msgstr[0] "queda %(n)s día"\nmsgstr[1] "quedan %(n)s días"\n')
    assert merged(catalog, po('msgid "%(n)s day left"\nmsgstr ""\n')) == (
        '\nmsgid "%(n)s day left"\nmsgstr "queda %(n)s día"\n')
    assert not catalog.obsolete  # the plural entry gave its translation back: no copy left


def test_messages_made_by_babel_have_no_previous_context():
    """A catalog read by Babel (a tool's, or the memory of one) has no `previous_context` attribute."""
    message = Message("Pain!", "Dolor", previous_id=["Pain"], flags={"fuzzy"})
    assert not hasattr(message, "previous_context")
    assert catalogs._previous_key(message) == ("Pain", None)
    assert catalogs._previous_of(message) == ("Pain", None)
    assert {k: m.string for k, m in catalogs.Memory.of([_babel_catalog(message)]).exact.items()} == {("Pain", None): "Dolor"}


def _babel_catalog(*messages):
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="es")
    for m in messages:
        catalog[m.id] = m
    return catalog


def test_a_plural_msgstr_emptied_by_a_tool_gives_an_empty_singular():
    source = Message(("Pain", "Pains"), ("Dolor", "Dolores"))
    source.string = ()
    out = catalogs._merged(Message("Pain", ""), source, fuzzy=False, previous=None, forms=2)
    assert out.string == ""


def test_a_project_field_whose_value_has_a_colon_is_replaced_not_repeated():
    data = HEADER.replace('"Language', '"X-English-Newer-Since: 2026:01:05\\n"\n"Language').encode()
    catalog = catalogs.loads(data + b'msgid "a"\nmsgstr "b"\n')
    assert catalogs.header_fields(catalog) == {"X-English-Newer-Since": "2026:01:05"}
    catalogs.set_header_field(catalog, "X-English-Newer-Since", None)
    assert "Newer-Since" not in catalogs.dumps(catalog).decode()


def test_best_tries_every_candidate_not_only_until_one_cannot_win():
    msgid = "The device helps with pain in the back."
    longer = msgid + " It also helps with pain in the legs, the arms, the neck and the feet, day and night."
    index = catalogs._FuzzyIndex(candidates(longer, "The device helps with pain in the neck."))
    assert index._order(msgid)[0] == 0  # the long one shares the most 4-grams, and is tried first
    assert best(index, msgid) == "t1"


def test_best_on_a_tie_keeps_the_first_and_exactly_the_threshold_is_not_enough():
    # neither string holds the other, so the score is below the length bound and is compared
    tie = [Message("The device helps with pain!", "first"), Message("The device helps with pain!", "second")]
    assert best(catalogs._FuzzyIndex(tie), "The device helps with pains.") == "first"
    assert catalogs.similarity("abcdefghij", "abcdefxyzw") == 0.6
    assert best(catalogs._FuzzyIndex(candidates("abcdefxyzw", context="x")), "abcdefghij") is None
    assert best(catalogs._FuzzyIndex(candidates("abcdefxyzw")), "abcdefghij") == "t0"  # with the bonus


# -- a language with more than two plural forms --------------------------------------------------------

ARABIC_PLURAL = 'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\n' + "".join(f'msgstr[{i}] ""\n' for i in range(6))


def arabic(*entries: str):
    return catalogs.loads(HEADER.replace("Language: es", "Language: ar").encode() + "\n".join(entries).encode())


def test_a_new_plural_entry_has_as_many_forms_as_the_language(tmp_path):
    """msgmerge writes nplurals msgstr; two for Arabic (six forms) would fail `msgfmt -c` once translated."""
    assert merged(arabic(), po(PLURAL)) == "\n" + ARABIC_PLURAL
    catalog = catalogs.new_catalog("ar")
    assert catalog.num_plurals == 6
    catalogs.update(catalog, po(PLURAL))
    assert catalogs.dumps(catalog).decode().endswith("\n\n" + ARABIC_PLURAL)
    path = tmp_path / "ar.po"
    path.write_bytes(catalogs.dumps(catalog))
    msgfmt_check(path)


def test_a_singular_msgstr_becomes_the_first_of_every_form():
    forms = "".join(f'msgstr[{i}] ""\n' for i in range(1, 6))
    for catalog in (arabic('msgid "%(n)s day"\nmsgstr "%(n)s yawm"\n'),
                    arabic('#~ msgid "%(n)s day"\n#~ msgstr "%(n)s yawm"\n')):
        assert merged(catalog, po(PLURAL)) == (
            '\nmsgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s yawm"\n' + forms)
    untranslated = arabic('# note\nmsgid "%(n)s day"\nmsgstr ""\n')
    assert merged(untranslated, po(PLURAL)) == "\n# note\n" + ARABIC_PLURAL
