"""Input bytes in encodings other than UTF-8: Western Windows-1252 text is read, UTF-16
without a byte order mark is decoded, and text in an East Asian or Cyrillic legacy
encoding is rejected with the encoding it looks like rather than coded as garbage."""

from pathlib import Path

import pytest

from parley.api import read_paths
from parley.document import Document, Rejection
from parley.ingest.encoding import decode_bytes

JAPANESE = "外務省は火曜日、隣国との交渉は続いていると発表した。首相は「あきらめない」と話した。"
CHINESE = "北京的外交部发言人星期二表示，双方将继续就边境问题进行磋商，并愿意共同努力。"
TAIWANESE = "外交部發言人星期二在台北表示，雙方將繼續就貿易問題進行磋商，並願意共同努力。"
KOREAN = "외교부 대변인은 화요일 서울에서 양국이 국경 문제에 대한 협상을 계속할 것이라고 밝혔다."
RUSSIAN = "Представитель министерства сообщил во вторник, что переговоры о границе продолжатся."

WESTERN = [
    "Le porte-parole a déclaré mardi à Genève que les négociations « avancent très bien ».",
    "Der Sprecher äußerte sich am Dienstag in Köln über größere Gespräche mit Behörden.",
    "El portavoz dijo el miércoles en Bogotá que habrá reuniones el próximo año.",
    "O porta-voz português disse na terça-feira que as negociações não pararam.",
    "Pääministeri kertoi tiistaina, että neuvottelut jatkuvat työmarkkinajärjestöjen kanssa.",
    "Talespersonen sade på måndagen att förhandlingarna i Göteborg fortsätter.",
    "Talsmaður ráðuneytisins sagði á þriðjudag að viðræður héldu áfram í Reykjavík.",
    "The envoy said “not yet”—à la française—and left… “Soon,” she added; €20, ½ of £3.",
    "Minutes of the talks\n———————————————\n• Monday: “agreed”\n• Tuesday: “deferred”",
]


def read_one(path: Path) -> Document | Rejection:
    (found,) = read_paths([path])
    return found


@pytest.mark.parametrize("text", WESTERN)
def test_western_windows_1252_text_is_read(tmp_path, text):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    found = read_one(path)
    assert isinstance(found, Document)
    assert found.raw == text


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [
        (JAPANESE, "shift_jis", "Shift-JIS"),
        (JAPANESE, "euc_jp", "East Asian"),
        (CHINESE, "gbk", "East Asian"),
        (CHINESE, "gb2312", "East Asian"),
        (TAIWANESE, "big5", "East Asian"),
        (KOREAN, "euc_kr", "East Asian"),
        (RUSSIAN, "koi8_r", "KOI8-R"),
        (RUSSIAN, "cp1251", "Windows-1251"),
    ],
)
def test_text_in_another_legacy_encoding_is_rejected_with_what_it_looks_like(
    tmp_path, text, encoding, named
):
    path = tmp_path / "news.txt"
    path.write_bytes(f"Headline {text}\n\n{text}\n".encode(encoding))
    found = read_one(path)
    assert isinstance(found, Rejection), found.raw[:40]
    assert found.origin == str(path)
    assert named in found.reason and "convert it to UTF-8" in found.reason
    assert "\n" not in found.message()


def test_a_jsonl_line_in_shift_jis_is_rejected_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        b'{"id": "a", "text": "Chile protested."}',
        f'{{"id": "b", "text": "{JAPANESE}"}}'.encode("shift_jis"),
        b'{"id": "c", "text": "Peru replied."}',
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    found = list(read_paths([path]))
    assert [f.id for f in found if isinstance(f, Document)] == ["a", "c"]
    (rejected,) = [f for f in found if isinstance(f, Rejection)]
    assert rejected.origin == f"{path}:2" and "Shift-JIS" in rejected.reason


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded(tmp_path, encoding):
    text = WESTERN[0] + "\n" + WESTERN[7] + "\n" + JAPANESE
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(encoding))
    found = read_one(path)
    assert isinstance(found, Document)
    assert found.raw == text


def test_utf32_with_a_byte_order_mark_is_decoded():
    decoded = decode_bytes(WESTERN[1].encode("utf-32"))
    assert (decoded.text, decoded.encoding) == (WESTERN[1], "utf-32")


def test_the_byte_windows_1252_lacks_is_the_one_named(tmp_path):
    path = tmp_path / "odd.txt"
    data = "Café talks resumed ".encode("cp1252") + b"on \x81Monday."
    path.write_bytes(data)
    found = read_one(path)
    assert isinstance(found, Rejection)
    assert f"byte 0x81 at offset {data.index(0x81)}" in found.reason
    assert "0xe9" not in found.reason  # the é that is no UTF-8, but Windows-1252 reads


def test_utf8_with_one_bad_byte_says_so(tmp_path):
    path = tmp_path / "almost.txt"
    data = "Talks in “Genève” went on.".encode() + b" \xff " + JAPANESE.encode()
    path.write_bytes(data)
    found = read_one(path)
    assert isinstance(found, Rejection)
    assert f"UTF-8 with bad bytes, the first 0xff at offset {data.index(0xFF)}" in found.reason


@pytest.mark.parametrize("data", [b"\x00\xff\x00", b"\x01\x00\x02\x00\x03\x00" * 50])
def test_binary_data_with_nuls_one_byte_in_two_is_no_utf16(tmp_path, data):
    path = tmp_path / "data.txt"
    path.write_bytes(data)
    found = read_one(path)
    assert isinstance(found, Rejection) and "binary file" in found.reason
