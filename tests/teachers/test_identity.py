"""ID-card numbers: the check character, the mask, and refusal of a wrong number."""

from __future__ import annotations

from vocmatch.teachers.identity import id_card_error, id_card_mask, id_check_character


def test_check_character_of_the_standards_example() -> None:
    # GB 11643's example 11010519491231002X. Its 17 digits × the weights 7 9 10 5 8 4 2 1 6 3 7 9
    # 10 5 8 4 2: 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 = 15·11 + 2, and position 2
    # of "10X98765432" is "X".
    assert id_check_character("11010519491231002") == "X"
    assert id_card_error("11010519491231002X") is None
    assert id_card_error("110105194912310021") == "check digit does not match"
    assert id_card_mask("11010519491231002X") == "1101**********002X"
