// The prompt grammar's matchers of names, keys, tempo, meter, negations, dialogue and lexicon
// phrases, the closing pass, and read_prompt (spec/prompt_grammar.h has the parser's state).
#include "spec/prompt_parser.h"

#include <cctype>

#include "base/error.h"
#include "spec/content_policy.h"
#include "spec/prompt_grammar.h"
#include "spec/voices.h"

namespace tunesmith {
namespace prompt_grammar {

// "in the style of Hans Zimmer", "sounds like Artist": artists are not imitated. Names on the
// artist list are refused by check_mimicry before parsing; here the phrase meets a name that is
// not listed (or is a public-domain composer). Policy: docs/rights.md, 'Artist mimicry'.
std::size_t Parser::match_artist(std::size_t i) {
    const std::size_t j = imitation_phrase_at(i);
    if (j == 0) return 0;
    // "like", "by", "inspired by", "in the spirit of" also introduce places and things ("inspired by
    // New York"): only the others ask for imitation by themselves.
    const bool explicit_imitation = !is(i, {"like", "by", "inspired"}) && !is(i + 2, {"spirit"});
    if (boundary_at(j) || phrase_at(j) || read_note(t_, j)) return 0;
    if (!std::isupper(static_cast<unsigned char>(t_[j].text.front()))) {
        // A listed composer written in lower case ("in the style of mozart") is told the same as
        // "Mozart" (listed living artists are refused before the prompt is read, whatever the case).
        if (!lex_.artists || artist_kind(t_[j].text, *lex_.artists) != ArtistKind::public_domain) return 0;
        warn_public_domain(span(j, j + 1));
        ignore(i, j + 1);
        return j + 1 - i;
    }
    // The name: capitalised words and numbers, with particles inside ("Ludwig van Beethoven").
    auto name_word = [&](std::size_t k) {
        return k < size() && !t_[k].boundary_before &&
               (std::isupper(static_cast<unsigned char>(t_[k].text.front())) || std::isdigit(static_cast<unsigned char>(t_[k].text.front())));
    };
    std::size_t end = j + 1;
    while (true) {
        std::size_t k = end;
        while (is(k, {"van", "von", "de", "der", "da", "di", "del", "la", "le"}) && !boundary_at(k)) ++k;
        if (!name_word(k) || phrase_at(k)) break;
        end = k + 1;
    }
    std::optional<ArtistKind> kind;
    if (lex_.artists) {
        kind = artist_kind(span(j, end), *lex_.artists);
        if (!kind) kind = artist_kind(t_[end - 1].text, *lex_.artists);  // "Johann Christian Bach": the surname
    }
    if (kind == ArtistKind::public_domain) {
        warn_public_domain(span(j, end));
    } else if (explicit_imitation && end - j >= 2 && !phrase_is(end, PhraseKind::genre)) {
        // A person's full name after an imitation phrase: refused even when not on the list
        // (a name before a genre is a place: "in the style of New Orleans jazz").
        throw InputError("prompt", span(i, end), mimicry_refusal_accepted());
    } else {
        // One unlisted word ("in the style of Bollywood") or a bare "like/by Name": not imitation of a known artist.
        out_.warnings.push_back("names are not used (tunesmith reads genres, moods, instruments and eras, and "
                                "imitates no one): '" + span(j, end) + "' ignored");
    }
    ignore(i, end);
    return end - i;
}

// True when the words [i, end) are a kind of cue (a sting, an intro, an outro, a transition) and an
// article opens their phrase ("a 3 second sting", "a YouTube intro"): up to four words back, within
// one clause. "a drop" or "a big climax" are parts of a cue, so they are still asked for a time.
bool Parser::names_the_cue(std::size_t i, std::size_t end) const {
    if (end != i + 1 || !is(i, {"sting", "stinger", "button", "intro", "outro", "transition", "opener"})) return false;
    for (std::size_t back = 1; back <= 4 && back <= i; ++back) {
        if (is(i - back, {"a", "an", "my", "our"})) return true;
        if (boundary_at(i - back + 1)) return false;
    }
    return false;
}

void Parser::warn_public_domain(const std::string& name) {
    out_.warnings.push_back("'" + name +
                            "' is a public-domain composer: not refused, but tunesmith imitates no one, so the "
                            "name is ignored; describe the sound instead (e.g. 'baroque', 'classical', "
                            "'romantic era strings')");
}

// One past an imitation phrase at i ("in the style of", "inspired by", "a la", "like"), or 0.
std::size_t Parser::imitation_phrase_at(std::size_t i) const {
    if (is(i, {"in"}) && is(i + 1, {"the"}) && is(i + 2, {"style", "vein", "manner", "spirit"}) && is(i + 3, {"of"}))
        return i + 4;
    if (is(i, {"style"}) && is(i + 1, {"of"})) return i + 2;
    if (is(i, {"sounds", "sounding", "sound"}) && is(i + 1, {"like"})) return i + 2;
    if (is(i, {"inspired"}) && is(i + 1, {"by"})) return i + 2;
    if (is(i, {"a", "à"}) && is(i + 1, {"la"})) return i + 2;
    if (is(i, {"like", "by"})) return i + 1;
    return 0;
}

std::size_t Parser::dialogue_word_at(std::size_t i) const {
    if (is(i, {"voice"}) && is(i + 1, {"over"})) return 2;
    return is(i, {"dialogue", "dialog", "dialogues", "speech", "voiceover", "vo", "talking", "narration", "lines"}) ? 1 : 0;
}

std::size_t Parser::match_dialogue(std::size_t i) {
    // "no percussion under dialogue", "without drums during the voiceover", "keep the drums out of
    // the dialogue" ("keep drums" alone read as drums only).
    const bool keep_out = is(i, {"keep", "leave", "take"});
    if (is(i, {"no", "without", "never", "avoid"}) || keep_out) {
        std::size_t j = i + 1;
        if (is(j, {"any", "the"})) ++j;
        const auto list = instruments_at(j, false);
        if (list) {
            std::size_t k = j + list->second;
            auto preposition = [&](std::size_t at) {
                return is(at, {"under", "during", "over", "beneath", "below", "in", "through", "behind"});
            };
            bool placed = false;
            if (keep_out && is(k, {"out", "away"})) {  // "keep drums out of / under the dialogue"
                ++k;
                if (is(k, {"of", "from"}) || preposition(k)) ++k;
                placed = true;
            } else if (!keep_out && preposition(k)) {
                ++k;
                placed = true;
            }
            if (placed) {
                if (is(k, {"the", "any"})) ++k;
                if (const std::size_t w = dialogue_word_at(k)) {
                    std::vector<std::string> groups;
                    for (const auto& item : list->first) add_unique(groups, item.value);
                    if (std::find(groups.begin(), groups.end(), "drums") == groups.end()) return 0;
                    out_.patch.percussion_under_dialogue = false;
                    // "no drums under dialogue from 10 to 25 seconds": the range is the dialogue's, not
                    // the cue's length.
                    const DialogueRead ranges = add_dialogue_ranges(k + w);
                    const std::size_t end = ranges.end;
                    use(i, end, "rules.percussion_under_dialogue=false" + (ranges.meaning.empty() ? "" : "; " + ranges.meaning));
                    if (groups.size() > 1)
                        out_.warnings.push_back("only percussion can be kept out of dialogue; other groups in '" +
                                                span(i, k + w) + "' are not affected");
                    return end - i;
                }
            }
        }
        if (is(i + 1, {"ducking"})) {
            out_.patch.duck_under_dialogue = false;
            use(i, i + 2, "rules.duck_under_dialogue=false");
            return 2;
        }
    }
    if (is(i, {"duck", "ducking", "ducked", "ducks"})) {
        std::size_t k = i + 1;
        while (is(k, {"the", "music", "under", "for", "during", "below", "beneath", "around"})) ++k;
        if (const std::size_t w = dialogue_word_at(k)) {
            out_.patch.duck_under_dialogue = true;
            use(i, k + w, "rules.duck_under_dialogue=true");
            return k + w - i;
        }
    }
    // "dialogue from 0:10 to 0:25", "dialogue 10-20s".
    if (const std::size_t w = dialogue_word_at(i)) {
        const DialogueRead ranges = add_dialogue_ranges(i + w);
        if (ranges.meaning.empty()) return 0;
        use(i, ranges.end, ranges.meaning);
        return ranges.end - i;
    }
    return 0;
}

// Time ranges from token k ("from 0:10 to 0:25", "at 5-15s", "between 10 and 20 seconds and 30-40")
// added to the patch's dialogue: one past the last range (k when there is none) and the meaning
// ("dialogue+=10s-25s"; empty when there is none).
Parser::DialogueRead Parser::add_dialogue_ranges(std::size_t k) {
    std::vector<TimeRange> ranges;
    std::size_t end = k;
    while (true) {
        std::size_t s = k;
        if (is(s, {"from", "at", "between", "and"})) ++s;
        const auto start = time_at(s);
        if (!start) break;
        std::size_t e = s + start->count;
        if (is(e, {"to", "until", "till", "and", "through"})) ++e;
        else if (!(e < size() && t_[e].glue == Glue::hyphen)) break;
        const auto stop = time_at(e);
        if (!stop) break;
        ranges.push_back({Seconds(start->seconds), Seconds(stop->seconds)});
        end = k = e + stop->count;
    }
    DialogueRead read{end, ""};
    if (ranges.empty()) return read;
    auto& list = out_.patch.dialogue ? *out_.patch.dialogue : out_.patch.dialogue.emplace();
    for (const auto& r : ranges) {
        list.push_back(r);
        read.meaning += (read.meaning.empty() ? "dialogue+=" : ",") + seconds_text(r.start.value) + "-" +
                        seconds_text(r.end.value);
    }
    return read;
}

// "no drums", "without percussion or bass".
std::size_t Parser::match_negation(std::size_t i) {
    if (!is(i, {"no", "without", "minus", "except", "excluding", "not"})) return 0;
    std::size_t j = i + 1;
    if (is(j, {"any", "the"})) ++j;
    const auto list = instruments_at(j, false);
    if (!list) return 0;
    const std::size_t end = j + list->second;
    std::vector<std::string> groups;
    for (const auto& item : list->first) {
        // "no string quartet": none of its players' groups.
        for (const auto& player : item.players) {
            const Voice* voice = find_voice(player);
            add_unique(groups, voice != nullptr ? std::string(voice->group) : player);
        }
        if (!item.players.empty()) continue;
        // "no organ" excludes the track the organ would play on; "piano, no organ" not the piano.
        const Voice* voice = item.voice.empty() ? nullptr : find_voice(item.voice);
        const auto planned = planned_.find(item.voice);
        const std::string group = voice && planned != planned_.end() ? planned->second : item.value;
        const bool wanted = std::find(plain_groups_.begin(), plain_groups_.end(), group) != plain_groups_.end() ||
                            std::any_of(planned_.begin(), planned_.end(),
                                        [&](const auto& p) { return p.second == group && p.first != item.voice; });
        if (voice != nullptr && wanted) {
            out_.warnings.push_back("'" + span(i, end) + "': the " + item.voice + " would play on the " + group +
                                    " track, which the prompt asks for; not excluded");
            continue;
        }
        add_unique(groups, group);
    }
    for (const auto& g : groups) place_group(&SpecPatch::instruments_exclude, g);
    if (groups.empty()) {
        ignore(i, end);
        return end - i;
    }
    use(i, end, "instruments.exclude+=" + list_text(groups));
    return end - i;
}

// "D minor", "Dm", "F sharp major", "key of E flat", "in A", "Bb dorian"; "minor key" leans.
std::size_t Parser::match_key(std::size_t i) {
    std::size_t j = i;
    bool introduced = false;
    if (is(i, {"key"})) {
        j = i + 1;
        if (is(j, {"of", "is", "in"})) ++j;
        introduced = true;
    } else if (is(i, {"in"})) {
        j = i + 1;
        if (is(j, {"the"}) && is(j + 1, {"key"}) && is(j + 2, {"of"})) j += 3;
        introduced = true;
    }
    if (const auto compact = compact_key(j); compact && (introduced || j == i)) return set_key(i, j + 1, *compact);
    const auto note = read_note(t_, j);
    if (!note) return lean_at(i);
    const std::size_t after = j + note->count;
    std::optional<Mode> mode;
    std::size_t end = after;
    if (is(after, {"harmonic"}) && is(after + 1, {"minor"})) {
        mode = Mode::harmonic_minor;
        end = after + 2;
    } else if (is(after, {"melodic", "jazz"}) && is(after + 1, {"minor"})) {
        // No melodic-minor mode: the key is the natural minor on that tonic, and the report says so.
        mode = Mode::minor;
        end = after + 2;
        out_.warnings.push_back("'" + span(j, end) + "' is played as " + Key{note->name, Mode::minor}.to_string() +
                                " (no melodic minor mode)");
    } else if (after < size() && (mode = mode_word(t_[after].word))) {
        end = after + 1;
    }
    if (note->bare_lowercase_a) {
        // "a minor key" is an article plus a lean; "a minor" alone in its phrase (or after "in") is A minor.
        if (!mode) return 0;
        if (is(end, {"key", "tonality", "mode"})) return lean_at(i);
        if (!introduced && !(boundary_at(i) && boundary_at(end))) return 0;
    }
    // A capital note name that is a whole clause of its own ("folk, 6/8, G, 25 seconds") is a tonic.
    const bool alone = j == i && boundary_at(i) && boundary_at(end) && !note->bare_lowercase_a &&
                       std::isupper(static_cast<unsigned char>(t_[j].text.front()));
    if (!mode && !introduced && !alone) return 0;
    if (!mode) {
        if (out_.patch.key || out_.tonic_only) {
            duplicate(i, end, "a key");
            return end - i;
        }
        out_.tonic_only = note->name;
        use(i, end, "key tonic=" + note->name.to_string() + " (mode from the mood)");
        return end - i;
    }
    return set_key(i, end, Key{note->name, *mode});
}

std::optional<Key> Parser::compact_key(std::size_t j) const {
    if (j >= size()) return std::nullopt;
    const std::string& text = t_[j].text;
    if (text.empty() || !std::isupper(static_cast<unsigned char>(text.front()))) return std::nullopt;
    for (std::string_view suffix : {"m", "min", "maj", "minor", "major"}) {
        if (text.size() > suffix.size() && text.ends_with(suffix) && NoteName::parse(text.substr(0, text.size() - suffix.size())))
            return Key::parse(text);
    }
    return std::nullopt;
}

std::size_t Parser::set_key(std::size_t first, std::size_t last, Key key) {
    if (out_.tonic_only) duplicate(first, last, "a key");
    else set_once(out_.patch.key, key, first, last, "key=" + key.to_string(), "a key");
    return last - first;
}

// "minor key", "in a major key": the mode without a tonic.
std::size_t Parser::lean_at(std::size_t i) {
    std::size_t j = i;
    if (is(j, {"in"})) ++j;
    if (is(j, {"a", "an"})) ++j;
    if (j >= size()) return 0;
    const auto mode = mode_word(t_[j].word);
    if (!mode || !is(j + 1, {"key", "tonality", "mode"})) return 0;
    out_.mode_lean = *mode;
    use(i, j + 2, "mode=" + std::string(mode_name(*mode)) + " (tonic from the lexicon defaults)");
    return j + 2 - i;
}

// "92 BPM", "92bpm", "tempo 92", "at 92 beats per minute".
std::size_t Parser::match_bpm(std::size_t i) {
    std::size_t j = i;
    if (is(j, {"at", "around", "about"})) ++j;
    if (const auto n = read_number(t_, j)) {
        const std::size_t u = j + n->count;
        std::size_t end = 0;
        if (is(u, {"bpm", "bmp"})) end = u + 1;
        else if (is(u, {"beats"}) && is(u + 1, {"per", "a"}) && is(u + 2, {"minute"})) end = u + 3;
        if (end) return set_bpm(i, end, n->value);
    }
    if (is(i, {"tempo", "bpm"})) {
        std::size_t k = i + 1;
        if (is(k, {"of", "at", "is", "around", "about"})) ++k;
        if (const auto n = read_number(t_, k)) {
            std::size_t end = k + n->count;
            if (is(end, {"bpm", "bmp"})) ++end;
            return set_bpm(i, end, n->value);
        }
    }
    return 0;
}

// "bmp" is read as "bpm" (a common slip), and said so.
void Parser::note_bpm_typo(std::size_t first, std::size_t last) {
    for (std::size_t k = first; k < last; ++k)
        if (t_[k].word == "bmp") out_.warnings.push_back("read '" + t_[k].text + "' as 'bpm'");
}

std::size_t Parser::set_bpm(std::size_t first, std::size_t last, double bpm) {
    note_bpm_typo(first, last);
    set_once(out_.patch.bpm, bpm, first, last, "bpm=" + number_text(bpm), "a tempo");
    return last - first;
}

// "3/4", "in 6/8", "7/8 time", "time signature 5/4".
std::size_t Parser::match_meter(std::size_t i) {
    std::size_t j = i;
    if (is(j, {"in"})) ++j;
    else if (is(j, {"time"}) && is(j + 1, {"signature"})) j += 2;
    else if (is(j, {"meter", "signature"})) ++j;
    if (j >= size() || t_[j].word.find('/') == std::string::npos) return 0;
    const auto meter = Meter::parse(t_[j].word);
    if (!meter) return 0;
    std::size_t end = j + 1;
    if (is(end, {"time", "meter", "feel"})) ++end;
    set_once(out_.patch.time_signature, *meter, i, end, "time_signature=" + meter->to_string(), "a time signature");
    return end - i;
}

// Single lexicon phrases: genres, moods, tempo words, energy words, endings.
std::size_t Parser::match_phrase(std::size_t i) {
    const auto p = phrase_at(i);
    if (!p) return 0;
    return use_phrase(i, i + p->count, p->meaning);
}

std::size_t Parser::use_phrase(std::size_t i, std::size_t end, const PhraseMeaning& m) {
    switch (m.kind) {
        case PhraseKind::genre:
            use(i, end, add_genre(m.value, i, end));
            return end - i;
        case PhraseKind::mood:
            add_mood(m.value);
            use(i, end, "mood+=" + m.value);
            return end - i;
        case PhraseKind::tempo:
            if (!tempo_word_) {
                tempo_word_ = m.number;
                tempo_word_use_ = out_.used_words.size();
                use(i, end, "bpm=" + number_text(m.number) + " (tempo word)");
            } else {
                duplicate(i, end, "a tempo word");  // "fast and slow": the second was dropped unsaid
            }
            return end - i;
        case PhraseKind::energy: {
            const auto& word = lex_.energy_words.at(m.value);
            out_.energy.push_back({{0.0, true}, {1.0, true}, word.level, word.level, 0});
            std::string meaning = "energy " + number_text(word.level) + " over the cue";
            if (!word.mood.empty()) {
                add_mood(word.mood);
                meaning += "; mood+=" + word.mood;
            }
            use(i, end, meaning);
            return end - i;
        }
        case PhraseKind::fade_out: return set_ending(i, end, Ending::fade_out);
        case PhraseKind::big_finish: return big_finish(i, end);
        case PhraseKind::hit:
        case PhraseKind::section:
            // "a 3 second sting", "a YouTube intro": the word names the cue itself, not a part to place.
            out_.warnings.push_back(names_the_cue(i, end) ? "'" + span(i, end) +
                                                           "' is read as the kind of cue, so nothing is placed; to "
                                                           "place one inside the cue, write e.g. '" +
                                                           span(i, end) + " at 0:28'"
                                                     : "'" + span(i, end) + "' has no time; write e.g. '" +
                                                           span(i, end) + " at 0:28'");
            ignore(i, end);
            return end - i;
        case PhraseKind::instrument:  // taken by match_instruments
        case PhraseKind::build:       // taken by match_build
        case PhraseKind::filler:
            ignore(i, end);
            return end - i;
    }
    return 0;
}

std::string Parser::add_genre(const std::string& name, std::size_t i, std::size_t end) {
    auto& style = out_.patch.style ? *out_.patch.style : out_.patch.style.emplace();
    const bool again = std::find(style.begin(), style.end(), name) != style.end();  // "80s synthwave"
    add_unique(style, name);
    std::string meaning = "style+=" + name;
    const Genre* g = lex_.genre(name);
    if (g && g->meter) {
        if (!implied_meter_) implied_meter_ = *g->meter;
        meaning += " (implies time_signature=" + g->meter->to_string() + ")";
    }
    // A genre without a style file of its own is played by its nearest style, said aloud.
    if (g && !g->style.empty()) {
        std::string genre = g->name;
        std::replace(genre.begin(), genre.end(), '_', ' ');
        const std::string note = "no " + genre + " style; using " + g->style;
        meaning += " (" + note + ")";
        if (!again) out_.warnings.push_back(span(i, end) + ": " + note);
    }
    return meaning;
}

void Parser::add_mood(const std::string& name) {
    auto& mood = out_.patch.mood ? *out_.patch.mood : out_.patch.mood.emplace();
    add_unique(mood, name);
}

void Parser::finish() {
    std::erase_if(voices_, [](const auto& group) { return group.second.empty(); });  // sections made plain
    if (!voices_.empty()) out_.patch.instruments_voices = voices_;
    note_soloists();
    if (tempo_word_) {
        if (out_.patch.bpm) {
            const WordUse word = out_.used_words[tempo_word_use_];
            out_.used_words.erase(out_.used_words.begin() + static_cast<std::ptrdiff_t>(tempo_word_use_));
            out_.ignored_words.push_back(word.text);
            out_.warnings.push_back("tempo word '" + word.text + "' ignored: the prompt gives a BPM");
        } else {
            out_.patch.bpm = *tempo_word_;
        }
    }
    if (implied_meter_ && !out_.patch.time_signature) out_.patch.time_signature = *implied_meter_;
    if (!unknown_.empty()) {
        std::string list;
        for (const auto& w : unknown_) list += (list.empty() ? "'" : ", '") + w + "'";
        out_.warnings.push_back("words not understood (ignored): " + list);
    }
}

}  // namespace prompt_grammar

PromptReading read_prompt(std::string_view prompt, const Lexicon& lexicon) {
    return prompt_grammar::Parser(prompt, lexicon).run();
}

}  // namespace tunesmith
