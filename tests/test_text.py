"""Splitting and reflowing text: golden outputs on real copy."""

from conftest import CHRONAM, read
from hypothesis import given
from hypothesis import strategies as st

from syndiff.text import _SPECIAL, COUNTED, WORD, count_words, has_special, lines, reflow, tokens, word_list


def test_one_block_per_line_blank_lines_ignored_image_line_is_a_block():
    text = "Headline here\n\n![Reuters](https://x/y.jpg)\n   \nFirst paragraph.\n"
    assert lines(text) == ["Headline here", "![Reuters](https://x/y.jpg)", "First paragraph."]


def test_tokens_give_the_text_back():
    s = "U.S. President Donald Trump’s “plan” – 10,000 troops, Feb. 24."
    assert "".join(tokens(s)) == s
    assert tokens("Trump’s U.S. plan") == ("Trump’s", " ", "U", ".", "S", ".", " ", "plan")


def test_reflow_of_a_1916_column():
    column = read(CHRONAM / "19160215-028" / "00-evening-star.txt")
    assert reflow(column).split("\n")[:5] == [
        "The committee may consider whether to call Mr. Mellen later and make some further inquiries of hint.",
        'When the hearing: on the nomination waf resumed todpy Senator Walsh this telegrram from Mr. .Mell<?n: '
        '"I have no information of any character that, would. be. of any value t$ the Subcommittee on the Brandeis '
        'nomination. I have no papers that have any bearing on. the case. Under the circumstances, may I not.be '
        'Excused from attending:?"',
        "Wire to Mr. Mellen.",
        "Senator Walsh said that in the absence of Chairman Chilton he wired Mr. Mellen:",
        '"Mr. Barron, testifying: before judiciary committee Thursday, asserted you could testify to racts '
        'establishing the charge that Brandeis was employed to wreck the New Haven road. Having in mind your '
        'telegram of today, please wire whether you can give committee any information that will shed light on '
        'truth or falsity of the charge."',
    ]


def test_reflow_joins_hyphenation_and_keeps_decks_apart():
    text = ("PEACE NOTE ANSWERED\nBY GERMANY TODAY\nThe high-minded suggestion made by the Pres-\n"
            "ident of the United States in order to\ncreate a basis for the establishment of a\n"
            "lasting peace has been received and con-\nsidered.\nShort line.\n")
    assert reflow(text).split("\n") == [
        "PEACE NOTE ANSWERED BY GERMANY TODAY",
        "The high-minded suggestion made by the President of the United States in order to create a basis "
        "for the establishment of a lasting peace has been received and considered.",
        "Short line.",
    ]


def test_reflow_leaves_web_copy_alone():
    from conftest import SEED
    text = read(SEED / "inquirer.txt")
    assert reflow(text) == "\n".join(lines(text))


# Latin, Cyrillic, digits, punctuation, CJK and its punctuation, and the spaces copy holds
_MIXED = st.text(st.sampled_from(list("ab Zé,.'’-9\t\n\u00a0\u2003\u3000\u3001\u4e00\u30a2\uff01\u0416_\x1c"
                                     "\u0301\x85\u2028\u0663")))   # a combining accent, odd spaces, an Arabic 3


@given(_MIXED)
def test_word_counts_and_words_are_those_of_the_patterns(text):
    # the fast paths (str.split, \w+ where there is no CJK) count and cut as the patterns do
    assert count_words.__wrapped__(text) == len(COUNTED.findall(text))
    assert word_list(text) == WORD.findall(text)


@given(st.text(st.sampled_from([chr(c) for c in range(0x21)] + list("a\x7f\x80é\u00a0\u200b\ufeff\u3000"))))
def test_the_test_for_invisible_characters_is_the_pattern(text):
    assert has_special(text) == bool(_SPECIAL.search(text))


def test_chinese_characters_count_as_words():
    assert count_words("习近平 said 你好") == 6
    assert word_list("习近平 said") == ["习", "近", "平", "said"]
