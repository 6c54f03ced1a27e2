"""The array literals the merge passes as one string read back as the values they were made of."""

import pytest
from django.db import connection

from timeline.models import integer_array, text_array

pytestmark = pytest.mark.django_db


def read_back(literal, cast):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT %s::{cast}", [literal])
        return cursor.fetchone()[0]


def test_text_arrays_keep_every_character():
    values = ["two words", 'a "quote"', "back\\slash", "com,ma", "{braces}", "NULL", "ünï cödé", ""]
    assert read_back(text_array(values), "text[]") == values


def test_integer_arrays_keep_signed_32_bit_values():
    values = [-(2**31), -1, 0, 7, 2**31 - 1]
    assert read_back(integer_array(values), "integer[]") == values
    assert read_back(integer_array([]), "integer[]") == []
