"""Check characters of the credit code and its embedded organisation code, worked by hand."""

from __future__ import annotations

from vocmatch.enterprises.credit_code import (
    check_character,
    is_valid_credit_code,
    organisation_check_character,
)


def test_organisation_check_character_of_the_standards_examples() -> None:
    # GB 11714's example D2143569-X: D=13.
    # 13·3 + 2·7 + 1·9 + 4·10 + 3·5 + 5·8 + 6·4 + 9·2 = 39+14+9+40+15+40+24+18 = 199;
    # 199 mod 11 = 1, 11 − 1 = 10 → "X".
    assert organisation_check_character("D2143569") == "X"
    # GB 32100's example 91350100M000100Y43 embeds M000100Y4: M=22, Y=34.
    # 22·3 + 1·5 + 34·2 = 66+5+68 = 139; 139 mod 11 = 7, 11 − 7 = 4 → "4".
    assert organisation_check_character("M000100Y") == "4"
    # A sum divisible by 11 gives 11 → "0": 00000000 sums to 0, 11 − 0 = 11.
    assert organisation_check_character("00000000") == "0"


def test_the_credit_code_example_is_valid_and_its_check_character_is_3() -> None:
    assert check_character("91350100M000100Y4") == "3"
    assert is_valid_credit_code("91350100M000100Y43")
    assert not is_valid_credit_code("91350100M000100Y44")
