"""An invented series of three meetings (our own words): the periodiek overleg of Bewonersraad De Vaart
with woningcorporatie Rivierstad. Promises made, restated in the action list, postponed, done,
dropped, renumbered, forgotten; a question about a promise from before the series; concerns that
recur (the lift of flat De Meander) and one that does not. Built as Documents with extract.sentences."""
from __future__ import annotations

import hashlib

from extract.document import BLOCK_SEPARATOR, Attendee, BBox, Block, Document, Meeting, Page
from extract.sentences import sentences_of

PEOPLE = (Attendee("Els Wouters", "Bewonersraad De Vaart", "voorzitter"),
          Attendee("Joop Kramer", "Bewonersraad De Vaart"),
          Attendee("Tineke Bos", "Rivierstad", "manager wonen"),
          Attendee("Bart Hendriks", "Rivierstad", "opzichter"))

MEETING_1 = [
    ("title", "Periodiek overleg Bewonersraad De Vaart en Rivierstad"),
    ("paragraph", "Dinsdag 7 maart 2023, buurthuis De Kaai"),
    ("heading", "1. Onderhoud"),
    ("paragraph", "Joop Kramer klaagt dat de lift van flat De Meander al weken stilstaat."),
    ("paragraph", "Bart Hendriks zegt toe dat de lift voor 1 mei wordt gerepareerd."),
    ("paragraph", "Tineke Bos zegt toe dat de bewonersraad voor de zomer een voorstel voor de tuinen ontvangt."),
    ("paragraph", "Rivierstad stuurt binnen twee weken de planning van het schilderwerk naar de bewonersraad."),
    ("heading", "2. Rondvraag"),
    ("paragraph", "Tineke Bos laat voor 1 juli weten of de bergingen een nieuw slot krijgen."),
    ("paragraph", "Het volgende overleg is op dinsdag 13 juni 2023."),
    ("heading", "Actiepunten"),
    ("list_item", "1. Lift De Meander repareren (Bart Hendriks, 1 mei 2023)"),
    ("list_item", "2. Voorstel tuinen naar de bewonersraad (Tineke Bos, voor de zomer)"),
    ("list_item", "3. Planning schilderwerk sturen (Rivierstad, binnen twee weken)"),
]

MEETING_2 = [
    ("title", "Periodiek overleg Bewonersraad De Vaart en Rivierstad"),
    ("paragraph", "Dinsdag 13 juni 2023, buurthuis De Kaai"),
    ("heading", "1. Opening en verslag"),
    ("paragraph", "Het verslag van 7 maart 2023 wordt vastgesteld."),
    ("heading", "2. Actiepunten vorig overleg"),
    ("list_item", "Actiepunt 1, lift De Meander: afgehandeld."),
    ("list_item", "Actiepunt 2, voorstel tuinen: schuift door naar 1 oktober 2023."),
    ("list_item", "Actiepunt 3, planning schilderwerk: vervalt, het schilderwerk gaat niet door."),
    ("heading", "3. Onderhoud"),
    ("paragraph", "Joop Kramer meldt dat de lift van flat De Meander opnieuw stilstaat."),
    ("paragraph", "Bart Hendriks zegt toe dat de liftdeuren van De Meander in september worden vervangen."),
    ("paragraph", "Els Wouters vraagt wat er terechtgekomen is van de toezegging uit 2019 om de bankjes te vervangen?"),
    ("heading", "Actiepunten"),
    ("list_item", "2. Voorstel tuinen naar de bewonersraad (Tineke Bos, 1 oktober 2023)"),
    ("list_item", "4. Liftdeuren De Meander vervangen (Bart Hendriks, september 2023)"),
]

MEETING_3 = [
    ("title", "Periodiek overleg Bewonersraad De Vaart en Rivierstad"),
    ("paragraph", "Dinsdag 10 oktober 2023, buurthuis De Kaai"),
    ("heading", "1. Actiepunten vorig overleg"),
    ("list_item", "Actiepunt 2, voorstel tuinen: staat nog open."),
    ("heading", "2. Overlast"),
    ("paragraph", "Els Wouters klaagt over geluidsoverlast van het café aan de Havenstraat."),
    ("heading", "Actiepunten"),
    ("paragraph", "De actiepunten worden vanaf nu opnieuw genummerd; het oude nummer staat erbij."),
    ("list_item", "1. Voorstel tuinen naar de bewonersraad, was actiepunt 2 (Tineke Bos, 1 december 2023)"),
]

MEETINGS = (("2023-03-07", MEETING_1), ("2023-06-13", MEETING_2), ("2023-10-10", MEETING_3))


def document(path: str, date: str, items: list[tuple[str, str]], attendees=PEOPLE) -> Document:
    blocks, offset = [], 0
    for i, (kind, text) in enumerate(items):
        blocks.append(Block(kind, text, 1, BBox(72, 72 + 18 * i, 520, 86 + 18 * i), offset, offset + len(text),
                            level=1 if kind in ("title", "heading") else 0))
        offset += len(text) + len(BLOCK_SEPARATOR)
    text = BLOCK_SEPARATOR.join(t for _, t in items)
    return Document(doc_id=hashlib.sha256((path + text).encode()).hexdigest(), path=path, text=text,
                    pages=(Page(1, 595.0, 842.0, len(text)),), blocks=tuple(blocks), sentences=sentences_of(blocks),
                    meeting=Meeting(date=date, date_source="text", type="overleg",
                                    title="periodiek overleg Bewonersraad De Vaart en Rivierstad",
                                    organisation="Bewonersraad De Vaart", place="De Kaai", attendees=attendees),
                    extractor_version="layout.v1")


def series_documents(folder: str = "archief") -> list[Document]:
    return [document(f"{folder}/{date}_overleg_de-vaart.pdf", date, items) for date, items in MEETINGS]
