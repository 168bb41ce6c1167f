// The prompt grammar's parser (internal to spec/): its state, the small helpers the matchers share,
// and the matchers' declarations. At each token the matchers are tried in a fixed order (most
// specific first: "no percussion under dialogue" before "no drums", "lift at 28 s" before "28 s"),
// and the first that matches consumes its tokens; what no matcher takes is reported as ignored.
// prompt_parser.cpp defines the matchers of names, keys, tempo, meter, negations and lexicon
// phrases; prompt_instrument_matchers.cpp those of instruments and voices, and spelling
// corrections; prompt_time_matchers.cpp those of time: endings, events, builds, shapes and lengths.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/text.h"
#include "spec/prompt_parser.h"
#include "spec/prompt_tokens.h"
#include "spec/value_parsers.h"
#include "spec/voices.h"

namespace tunesmith::prompt_grammar {

// Numbers in what a phrase meant ("bpm=92", "hits+=lift@28.5s"): at most 3 decimals (base/text.h).
inline std::string number_text(double value) { return decimal_text(value, 3); }

inline std::string seconds_text(double seconds) { return number_text(seconds) + "s"; }

struct Phrase {
    PhraseMeaning meaning;
    std::size_t count = 0;
};

struct Region {
    TimeRef from;
    TimeRef to;
    bool contrast = false;  // halves and thirds: paint the rest at a contrasting level
    std::size_t count = 0;
};

inline std::optional<Mode> mode_word(std::string_view word) {
    if (word == "major" || word == "maj" || word == "ionian") return Mode::major;
    if (word == "minor" || word == "min" || word == "aeolian") return Mode::minor;
    if (word == "dorian") return Mode::dorian;
    if (word == "phrygian") return Mode::phrygian;
    if (word == "lydian") return Mode::lydian;
    if (word == "mixolydian") return Mode::mixolydian;
    if (word == "locrian") return Mode::locrian;
    return std::nullopt;
}

class Parser {
public:
    Parser(std::string_view prompt, const Lexicon& lexicon)
        : prompt_(prompt), lex_(lexicon), t_(tokenize_prompt(prompt)) {}

    PromptReading run() {
        plan_voices();
        correct_units();
        std::size_t i = 0;
        while (i < t_.size()) {
            std::size_t used = match_at(i);
            if (used == 0 && !lex_.find(t_[i].word)) used = match_corrected(i);
            if (used == 0) {
                ignore(i, i + 1);
                if (!lex_.find(t_[i].word)) unknown_.push_back(t_[i].text);
                ++i;
            } else {
                i += used;
            }
        }
        finish();
        return std::move(out_);
    }

private:
    std::size_t match_at(std::size_t i) {
        for (auto matcher : {&Parser::match_artist, &Parser::match_dialogue, &Parser::match_negation,
                             &Parser::match_key, &Parser::match_bpm, &Parser::match_meter, &Parser::match_ending,
                             &Parser::match_event, &Parser::match_build, &Parser::match_shape,
                             &Parser::match_era, &Parser::match_length, &Parser::match_instruments,
                             &Parser::match_phrase}) {
            if (const std::size_t used = (this->*matcher)(i)) return used;
        }
        return 0;
    }

    // ---- helpers -------------------------------------------------------------------------
    std::size_t size() const { return t_.size(); }
    bool boundary_at(std::size_t i) const { return i >= t_.size() || t_[i].boundary_before; }
    bool is(std::size_t i, std::initializer_list<std::string_view> words) const { return word_is(t_, i, words); }
    // A comma (and no other punctuation) separates token i from the one before it.
    bool comma_at(std::size_t i) const {
        if (i == 0 || i >= t_.size() || !t_[i].boundary_before) return false;
        const std::string_view gap = prompt_.substr(t_[i - 1].end, t_[i].begin - t_[i - 1].end);
        return gap.find(',') != std::string_view::npos && gap.find_first_of(".;:!?()[]{}\"\n") == std::string_view::npos;
    }

    std::string span(std::size_t first, std::size_t last) const {
        if (first >= last) return {};
        return std::string(prompt_.substr(t_[first].begin, t_[last - 1].end - t_[first].begin));
    }
    void use(std::size_t first, std::size_t last, std::string meaning) {
        out_.used_words.push_back({span(first, last), std::move(meaning)});
    }
    void ignore(std::size_t first, std::size_t last) {
        for (std::size_t i = first; i < last && i < size(); ++i) out_.ignored_words.push_back(t_[i].text);
    }
    // Keeps the first value a prompt gives for a single-valued field; later ones are reported.
    void duplicate(std::size_t first, std::size_t last, std::string_view name) {
        out_.warnings.push_back("the prompt gives " + std::string(name) + " more than once; kept the first, ignored '" +
                                span(first, last) + "'");
        ignore(first, last);
    }
    template <class T>
    bool set_once(std::optional<T>& field, T value, std::size_t first, std::size_t last, const std::string& meaning,
                  std::string_view name) {
        if (field) {
            duplicate(first, last, name);
            return false;
        }
        field = std::move(value);
        use(first, last, meaning);
        return true;
    }

    std::optional<Phrase> phrase_at(std::size_t i) const {
        for (std::size_t len = std::min(lex_.longest_phrase, size() - std::min(i, size())); len >= 1; --len) {
            bool crosses = false;
            for (std::size_t k = i + 1; k < i + len; ++k) crosses = crosses || t_[k].boundary_before;
            if (crosses) continue;
            if (const PhraseMeaning* m = lex_.find(phrase_key(t_, i, i + len))) return Phrase{*m, len};
        }
        return std::nullopt;
    }
    bool phrase_is(std::size_t i, PhraseKind kind) const {
        const auto p = phrase_at(i);
        return p && p->meaning.kind == kind;
    }

    std::optional<DurationRead> time_at(std::size_t i) const {
        auto d = read_duration(t_, i, true);
        if (!d || d->bars > 0 || is(i + d->count, {"bpm", "bmp", "beats"})) return std::nullopt;
        return d;
    }

    std::vector<std::string>& include_list() {
        if (!out_.patch.instruments_include) out_.patch.instruments_include.emplace();
        return *out_.patch.instruments_include;
    }
    std::vector<std::string>& exclude_list() {
        if (!out_.patch.instruments_exclude) out_.patch.instruments_exclude.emplace();
        return *out_.patch.instruments_exclude;
    }
    static void add_unique(std::vector<std::string>& list, const std::string& name) {
        if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
    }
    static void remove(std::vector<std::string>& list, const std::string& name) { std::erase(list, name); }
    // `group` into one of the patch's instrument lists and out of the others (a group is in at most
    // one of include, exclude, feature and add).
    void place_group(std::optional<std::vector<std::string>> SpecPatch::*list, const std::string& group) {
        for (auto other : {&SpecPatch::instruments_include, &SpecPatch::instruments_exclude, &SpecPatch::instruments_feature,
                           &SpecPatch::instruments_add})
            if (other != list && out_.patch.*other) remove(*(out_.patch.*other), group);
        auto& target = out_.patch.*list;
        if (!target) target.emplace();
        add_unique(*target, group);
    }

    // Instrument phrases joined by "and", "or", "&" (and commas when `cross_commas`): each phrase's
    // meaning (group, and voice when it names one) and the tokens taken.
    std::optional<std::pair<std::vector<PhraseMeaning>, std::size_t>> instruments_at(std::size_t i, bool cross_commas) const {
        std::vector<PhraseMeaning> groups;
        std::size_t j = i;
        std::size_t end = i;
        while (true) {
            auto p = counted_players_at(j);
            if (!p) p = phrase_at(j);
            if (!p || p->meaning.kind != PhraseKind::instrument) break;
            if (std::none_of(groups.begin(), groups.end(), [&](const PhraseMeaning& m) {
                    return m.value == p->meaning.value && m.voice == p->meaning.voice && m.players == p->meaning.players;
                }))
                groups.push_back(p->meaning);
            end = j + p->count;
            std::size_t k = end;
            if (is(k, {"and", "or", "nor", "plus"}) && !boundary_at(k)) {
                ++k;
                // "piano and a choir": an article after the joining word is part of the list.
                if (is(k, {"a", "an", "the"}) && !boundary_at(k) && phrase_is(k + 1, PhraseKind::instrument)) ++k;
            }
            if (k < size() && t_[k].boundary_before && !cross_commas) break;
            if (!phrase_is(k, PhraseKind::instrument) && !counted_players_at(k)) break;
            j = k;
        }
        if (groups.empty()) return std::nullopt;
        return std::make_pair(groups, end - i);
    }

    // "two violins", "four horns", "3 trumpets": that many single players of the instrument a
    // section word names (2 to 5, a chamber cue's most), as an ensemble's players.
    std::optional<Phrase> counted_players_at(std::size_t i) const {
        const auto n = read_number(t_, i);
        if (!n || n->value < 2.0 || n->value > static_cast<double>(kMostSoloists) || n->value != std::floor(n->value) ||
            boundary_at(i + n->count))
            return std::nullopt;
        const std::size_t k = i + n->count;
        const auto p = phrase_at(k);
        if (!p || p->meaning.kind != PhraseKind::instrument || !p->meaning.players.empty()) return std::nullopt;
        const Voice* section = p->meaning.voice.empty() ? nullptr : find_voice(p->meaning.voice);
        // "horns" is the plain brass (a pop horn section); counted, they are French horns.
        const std::string_view player = section != nullptr ? section->player
                                        : phrase_key(t_, k, k + p->count) == "horns" ? std::string_view("french_horn")
                                                                                     : std::string_view();
        const Voice* one = player.empty() ? nullptr : find_voice(player);
        if (one == nullptr) return std::nullopt;
        PhraseMeaning m = p->meaning;
        m.voice.clear();
        m.value = std::string(one->group);
        m.players.assign(static_cast<std::size_t>(n->value), std::string(one->name));
        return Phrase{m, n->count + p->count};
    }

    std::string list_text(const std::vector<std::string>& names) const {
        std::string text;
        for (const auto& name : names) text += (text.empty() ? "" : ",") + name;
        return text;
    }

    // ---- matchers ------------------------------------------------------------------------
    // "in the style of Hans Zimmer", "sounds like Artist": artists are not imitated.
    std::size_t match_artist(std::size_t i);
    std::size_t imitation_phrase_at(std::size_t i) const;
    std::size_t dialogue_word_at(std::size_t i) const;
    std::size_t match_dialogue(std::size_t i);
    void warn_public_domain(const std::string& name);
    bool names_the_cue(std::size_t i, std::size_t end) const;
    struct DialogueRead {
        std::size_t end;      // one past the last range read
        std::string meaning;  // "dialogue+=10s-25s"; empty when no range was read
    };
    DialogueRead add_dialogue_ranges(std::size_t k);
    // "no drums", "without percussion or bass".
    std::size_t match_negation(std::size_t i);
    // "D minor", "Dm", "F sharp major", "key of E flat", "in A", "Bb dorian"; "minor key" leans.
    std::size_t match_key(std::size_t i);
    std::optional<Key> compact_key(std::size_t j) const;
    std::size_t set_key(std::size_t first, std::size_t last, Key key);
    // "minor key", "in a major key": the mode without a tonic.
    std::size_t lean_at(std::size_t i);
    // "92 BPM", "92bpm", "tempo 92", "at 92 beats per minute".
    std::size_t match_bpm(std::size_t i);
    std::size_t set_bpm(std::size_t first, std::size_t last, double bpm);
    void note_bpm_typo(std::size_t first, std::size_t last);
    // "3/4", "in 6/8", "7/8 time", "time signature 5/4".
    std::size_t match_meter(std::size_t i);
    // "ends on a hit", "stinger ending", "cadence".
    std::size_t match_ending(std::size_t i);
    std::size_t set_ending(std::size_t first, std::size_t last, Ending ending);
    std::size_t big_finish(std::size_t first, std::size_t last);
    // "lift at 28 seconds", "hits at 10s and 20s", "chorus at 0:30", "at 0:45 a big hit".
    std::size_t match_event(std::size_t i);
    bool and_closes_list(std::size_t k) const;
    void add_events(std::size_t first, std::size_t last, const PhraseMeaning& what, const std::vector<double>& times);
    std::string add_event_values(const PhraseMeaning& what, const std::vector<double>& times);
    // "build", "builds to a climax at 0:40", "slow build".
    std::size_t match_build(std::size_t i);
    std::optional<Region> region_at(std::size_t i) const;
    // An energy word's level and length in tokens.
    std::optional<std::pair<double, std::size_t>> energy_level_at(std::size_t i) const;
    void paint_region(const Region& region, double level);
    // "sparse first half", "first half quiet", "quiet intro", "calm then intense", "calm to intense".
    std::size_t match_shape(std::size_t i);
    std::size_t then_chain(std::size_t i, double first_level, std::size_t end);
    // "45 seconds", "a 42-second cue", "1:30", "2 minutes", "16 bars", "length 90 sec long".
    std::size_t match_length(std::size_t i);
    // "strings and brass", "solo piano", "piano only", "just piano and cello".
    std::size_t match_instruments(std::size_t i);
    // "cinematic with strings", "pop song with a saxophone solo": after a genre, the style's band plus these.
    std::size_t match_featured(std::size_t i);
    static bool one_melodic_player(const std::vector<PhraseMeaning>& items);
    std::size_t players_after(std::size_t end) const;
    std::size_t a_cappella(std::size_t i, std::size_t j);
    void note_soloists();
    // The track of every voice the prompt names, planned before the words are read.
    void plan_voices();
    std::string plan_voice(const Voice& voice);
    // The groups of instrument phrases, claiming their voices (an ensemble's players too);
    // `meaning` gets the voices set.
    std::vector<std::string> claim_groups(const std::vector<PhraseMeaning>& items, std::string& meaning);
    // An unknown word of five or more letters one edit from a lexicon word ("gitar"): read as that word.
    std::size_t match_corrected(std::size_t i);
    std::optional<std::string> correction(const std::string& word) const;
    // "30 secnds", "2 minuts", "30 secondes": a unit word one typing slip away after a number is
    // read as that unit, said in a warning (a length is never silently the default).
    void correct_units();
    // "70s funk", "retro 1980s", "the '60s": a decade is an era (a style hint when the lexicon has
    // one, else ignored), never a length. "a 30s cue" stays 30 seconds.
    std::size_t match_era(std::size_t i);
    std::optional<std::pair<std::string, bool>> decade_at(std::size_t i) const;
    // Single lexicon phrases: genres, moods, tempo words, energy words, endings.
    std::size_t match_phrase(std::size_t i);
    std::size_t use_phrase(std::size_t i, std::size_t end, const PhraseMeaning& meaning);
    // Adds a genre to the style list (its implied meter; a note when another style plays it) and
    // returns what it set, for the used word of tokens [i, end).
    std::string add_genre(const std::string& name, std::size_t i, std::size_t end);
    void add_mood(const std::string& name);
    void finish();

    std::string_view prompt_;
    const Lexicon& lex_;
    std::vector<Token> t_;
    PromptReading out_;
    std::vector<std::string> unknown_;
    std::optional<double> tempo_word_;
    std::size_t tempo_word_use_ = 0;
    std::optional<Meter> implied_meter_;
    std::vector<std::string> plain_groups_;       // groups a plain word names ("piano", "strings")
    std::map<std::string, std::string> planned_;  // voice -> the group it plays on
    std::map<std::string, std::vector<std::string>> voices_;  // group -> its voices, as the words are read
    std::vector<std::string> section_groups_;  // groups several sections name ("violins and cellos"): their plain sound
};

}  // namespace tunesmith::prompt_grammar
