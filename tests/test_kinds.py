"""Block kinds: what a line's wording says, and what the page around it and the other
versions say."""

import pytest
from conftest import SEED, read

from syndiff.kinds import classify, pattern_kind
from syndiff.text import lines


@pytest.mark.parametrize("line,kind", [
    ("By Jane Doe", "byline"),
    ("By JANE DOE and JOHN ROE", "byline"),
    ("Reporting by Guy Faulconbridge; Editing by Alex Richardson", "byline"),
    ("(By the Associated Press)", "byline"),
    ("Updated: Feb 9, 2025 10:14 AM", "timestamp"),
    ("14:10 JST, February 9, 2025", "timestamp"),
    ("Published February 9, 2025 4:07am EST", "timestamp"),
    ("Sun, February 9, 2025 at 2:10 PM GMT+9", "timestamp"),
    ("2025-02-09 14:10", "timestamp"),
    ("Advertisement", "chrome"),
    ("Image 1 of 3", "chrome"),
    ("Share this article", "chrome"),
    ("-", "chrome"),
    ("© 2025 Thomson Reuters", "boilerplate"),
    ("Copyright 2025 The Associated Press. All rights reserved.", "boilerplate"),
    ("This material may not be published, broadcast, rewritten or redistributed.", "boilerplate"),
    ("FILE PHOTO: Ukrainian President Volodymyr Zelenskiy attends a news conference in Kyiv, Ukraine "
     "January 9, 2025. REUTERS/Alina Smutko/File Photo", "caption"),
    ("Russian President Vladimir Putin (AP Photo/Pavel Bednyakov)", "caption"),
    ("![Reuters](https://plus.inquirer.net/wp-content/uploads/2023/10/Reuters-90x90.jpg)", "image"),
    ("(Reporting by Olena Harmash; Editing by Frances Kerry)", "byline"),
    ("Associated Press writer Jane Doe in Kyiv contributed to this report.", "byline"),
    ("BY JANE DOE", "byline"),
    ("By Jane Doe | Reuters", "byline"),
    ("— Reuters", "byline"),
    ("With inputs from Reuters", "byline"),
    ("WASHINGTON (AP) —", "byline"),                      # a dateline on its own line
    ("Updated 10:14 a.m. EST, February 9, 2025", "timestamp"),
    ("Updated 2 hours ago", "timestamp"),
    ("___", "chrome"),
    ("Follow AP’s coverage of the war at https://apnews.com/hub/russia-ukraine", "chrome"),
    ("Copyright © 2025 The Japan News", "boilerplate"),
    ("The Associated Press receives support from several private foundations.", "boilerplate"),
    ("A woman walks past a damaged building in Kyiv. Presidential Press Service/Handout via REUTERS", "caption"),
    ("Getty Images", "image"),
    ("REUTERS/Alina Smutko", "image"),
    ("(Reporting by Allison Lampert in Montreal and David Shepardson in Washington; Editing by Sandra Maler)",
     "byline"),
    ("(Corrects number of striking workers in paragraph 1)", "boilerplate"),
    ("Correction: An earlier version of this story misstated the number of victims.", "boilerplate"),
    ("Editor's note: This story has been updated.", "boilerplate"),
    ("This article was originally published by Reuters.", "boilerplate"),
    ("RELATED: Trump says the war will end soon", "chrome"),
    ("Share on Facebook", "chrome"),
    ("- Advertisement -", "chrome"),
    ("Rescuers search the rubble in Taipei. Photograph: Jennifer Buchanan/AP", "caption"),
    # story text that only looks like furniture at a glance
    ("The statement was issued late on Sunday, February 9, 2025.", None),
    ("READ MORE", "chrome"),
    ("By the end of the day, troops had withdrawn from the town.", None),
    ("On Friday, Trump said he would probably meet Ukrainian President Volodymyr Zelenskyy.", None),
    ("Meanwhile, one person was killed and 10 wounded on Saturday.", None),
    ("Reuters could not independently confirm the battlefield report.", None),
])
def test_pattern_kinds(line, kind):
    assert pattern_kind(line) == kind


def test_seed_pair_kinds_from_layout_and_evidence():
    inq = lines(read(SEED / "inquirer.txt"))
    jn = lines(read(SEED / "japannews.txt"))
    k_inq, k_jn = classify([inq, jn])
    assert k_inq[0] == "headline" and k_inq[10] == "subhead" and k_inq[17] == "subhead"
    assert k_jn[:3] == ["caption", "timestamp", "paragraph"]   # a caption opens the page, no headline
    assert set(k_jn[11:]) == {"chrome"}                          # the popular-article and ranking lists


def test_a_list_of_titles_is_chrome_only_where_one_outlet_has_it():
    story = ["Trump says he has spoken to Putin about ending Ukraine war",
             "US President Donald Trump said that he has talked to Russian President Vladimir Putin.",
             "“He (Putin) wants to see people stop dying,” Trump told the New York Post."]
    links = ["Japan’s Hopes for Seafood Exports Shot Down in China Spat",
             "Japan Exports Rise in October as Slump in U.S. Sales Eases",
             "Japan GDP Down Annualized 1.8% in July-Sept."]
    only_mine, = classify([story + links])
    assert only_mine[3:] == ["chrome"] * 3
    mine, theirs = classify([story + links, links + story])
    assert "chrome" not in mine + theirs  # printed by both: part of what they share


def test_lists_under_a_furniture_phrase_stay_chrome_when_the_page_is_given_twice():
    """Two copies of the Japan News page beside the Inquirer: the copies share the
    popular-article and ranking lists, which are furniture all the same."""
    inq = lines(read(SEED / "inquirer.txt"))
    jn = lines(read(SEED / "japannews.txt"))
    _, alone = classify([inq, jn])
    _, jn1, jn2 = classify([inq, jn, jn])
    assert jn1 == jn2 == alone
    assert set(alone[11:]) == {"chrome"}


@pytest.mark.parametrize("separator", ["* * *", "Advertisement", "•"])
def test_story_lines_both_outlets_print_under_a_separator_stay_story(separator):
    story = ["Trump says he has spoken to Putin about ending Ukraine war",
             "WASHINGTON (AP) — President Donald Trump said he has spoken with Vladimir Putin about ending the war.",
             "The call, he said, went well, and more talks are planned for the coming weeks.",
             separator,
             "What Comes Next",
             "Will the talks in Riyadh hold?",
             "Diplomats said the answer would depend on Moscow and on Kyiv, and on the weeks ahead."]
    mine, theirs = classify([story, story])
    assert mine == theirs
    assert "chrome" not in mine[4:6]   # a subhead and a one-line question, printed by both


def test_subhead_needs_a_paragraph_after_it():
    text = ["Trump says he has spoken to Putin about ending Ukraine war",
            "Trump told the New York Post that he has a concrete plan to end the war.",
            "Good relationship",
            "“I hope it’s fast,” Trump said.",
            "Talks in Riyadh"]
    assert classify([text])[0] == ["headline", "paragraph", "subhead", "paragraph", "paragraph"]


def test_quotes_closing_a_sentence_make_no_heading():
    story = ["“He (Putin) wants to see people stop dying,” Trump told the New York Post.”",
             "“It is working.”",
             "Neither the Kremlin nor the White House immediately responded to Reuters’ request for comment."]
    assert classify([story])[0] == ["paragraph"] * 3


def test_a_section_label_over_the_headline_is_chrome():
    story = ["World", "Trump says he has spoken to Putin about ending Ukraine war",
             "US President Donald Trump said that he has talked to Russian President Vladimir Putin."]
    assert classify([story])[0] == ["chrome", "headline", "paragraph"]


HEADLINE = "Strong earthquake shakes Taiwan, no damage reported"
LEAD = "TAIPEI (AP) — A strong earthquake shook Taiwan on Sunday, officials said."
NEXT = "The quake struck at a depth of 10 kilometers off the east coast."


def test_a_label_over_a_headline_other_outlets_print_is_chrome():
    label, plain = classify([["Science & Environment", HEADLINE, LEAD, NEXT], [HEADLINE, LEAD, NEXT]])
    assert label == ["chrome", "headline", "paragraph", "paragraph"]
    assert plain == ["headline", "paragraph", "paragraph"]


def test_a_refile_note_is_no_headline():
    assert classify([["(Corrects number of victims in paragraph 1)", HEADLINE, LEAD, NEXT]])[0] == [
        "boilerplate", "headline", "paragraph", "paragraph"]


def test_a_headline_written_as_a_sentence_over_a_dateline():
    assert classify([["'I want to end this damn thing,' says Trump.",
                      "WASHINGTON (Reuters) - Trump said on Sunday he wants the war to end soon.", NEXT]])[0] == [
        "headline", "paragraph", "paragraph"]
    assert classify([["Russia attacked Kyiv on Sunday.", NEXT]])[0] == ["paragraph", "paragraph"]
