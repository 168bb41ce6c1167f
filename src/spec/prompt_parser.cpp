// The prompt grammar: at each token the matchers are tried in a fixed order (most specific
// first: "no percussion under dialogue" before "no drums", "lift at 28 s" before "28 s"), and
// the first that matches consumes its tokens. What no matcher takes is reported as ignored.
#include "spec/prompt_parser.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "base/error.h"
#include "spec/content_policy.h"
#include "spec/prompt_tokens.h"
#include "spec/value_parsers.h"

namespace tunesmith {
namespace {

std::string number_text(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string seconds_text(double seconds) { return number_text(seconds) + "s"; }

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

std::optional<Mode> mode_word(std::string_view word) {
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
        std::size_t i = 0;
        while (i < t_.size()) {
            const std::size_t used = match_at(i);
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
                             &Parser::match_length, &Parser::match_instruments, &Parser::match_phrase}) {
            if (const std::size_t used = (this->*matcher)(i)) return used;
        }
        return 0;
    }

    // ---- helpers -------------------------------------------------------------------------
    std::size_t size() const { return t_.size(); }
    bool boundary_at(std::size_t i) const { return i >= t_.size() || t_[i].boundary_before; }
    bool is(std::size_t i, std::initializer_list<std::string_view> words) const { return word_is(t_, i, words); }

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
        if (!d || d->bars > 0 || is(i + d->count, {"bpm", "beats"})) return std::nullopt;
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

    // Instrument phrases joined by "and", "or", "&" (and commas when `cross_commas`).
    std::optional<std::pair<std::vector<std::string>, std::size_t>> instruments_at(std::size_t i, bool cross_commas) const {
        std::vector<std::string> groups;
        std::size_t j = i;
        std::size_t end = i;
        while (true) {
            const auto p = phrase_at(j);
            if (!p || p->meaning.kind != PhraseKind::instrument) break;
            add_unique(groups, p->meaning.value);
            end = j + p->count;
            std::size_t k = end;
            if (is(k, {"and", "or", "nor", "plus"}) && !boundary_at(k)) ++k;
            if (k < size() && t_[k].boundary_before && !cross_commas) break;
            if (!phrase_is(k, PhraseKind::instrument)) break;
            j = k;
        }
        if (groups.empty()) return std::nullopt;
        return std::make_pair(groups, end - i);
    }

    std::string list_text(const std::vector<std::string>& names) const {
        std::string text;
        for (const auto& name : names) text += (text.empty() ? "" : ",") + name;
        return text;
    }

    // ---- matchers ------------------------------------------------------------------------
    // "in the style of Hans Zimmer", "sounds like Artist": artists are not imitated.
    std::size_t match_artist(std::size_t i) {
        std::size_t j = i;
        bool explicit_imitation = true;  // "in the style of Name" asks for imitation of anyone named
        if (is(i, {"in"}) && is(i + 1, {"the"}) && is(i + 2, {"style"}) && is(i + 3, {"of"})) j = i + 4;
        else if (is(i, {"style"}) && is(i + 1, {"of"})) j = i + 2;
        else if (is(i, {"sounds", "sounding"}) && is(i + 1, {"like"})) j = i + 2;
        else if (is(i, {"like", "by"})) { j = i + 1; explicit_imitation = false; }
        else return 0;
        if (boundary_at(j) || phrase_at(j) || read_note(t_, j) ||
            !std::isupper(static_cast<unsigned char>(t_[j].text.front())))
            return 0;
        std::size_t end = j;
        while (end < size() && (end == j || !t_[end].boundary_before)) ++end;
        // Names on the artist list are refused by check_mimicry before parsing; an explicit
        // request to imitate any other capitalised name (a film composer, a producer) is refused here.
        if (explicit_imitation) throw InputError("prompt", span(i, end), mimicry_refusal_accepted());
        out_.warnings.push_back("artist references are not used (tunesmith does not imitate artists): '" + span(j, end) + "'");
        ignore(i, end);
        return end - i;
    }

    std::size_t dialogue_word_at(std::size_t i) const {
        if (is(i, {"voice"}) && is(i + 1, {"over"})) return 2;
        return is(i, {"dialogue", "dialog", "dialogues", "speech", "voiceover", "vo", "talking", "narration", "lines"}) ? 1 : 0;
    }

    std::size_t match_dialogue(std::size_t i) {
        // "no percussion under dialogue", "without drums during the voiceover".
        if (is(i, {"no", "without", "never", "avoid"})) {
            std::size_t j = i + 1;
            if (is(j, {"any", "the"})) ++j;
            const auto list = instruments_at(j, false);
            if (list) {
                std::size_t k = j + list->second;
                if (is(k, {"under", "during", "over", "beneath", "below", "in", "through", "behind"})) {
                    ++k;
                    if (is(k, {"the", "any"})) ++k;
                    if (const std::size_t w = dialogue_word_at(k)) {
                        const auto& groups = list->first;
                        if (std::find(groups.begin(), groups.end(), "drums") == groups.end()) return 0;
                        out_.patch.percussion_under_dialogue = false;
                        use(i, k + w, "rules.percussion_under_dialogue=false");
                        if (groups.size() > 1)
                            out_.warnings.push_back("only percussion can be kept out of dialogue; other groups in '" +
                                                    span(i, k + w) + "' are not affected");
                        return k + w - i;
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
            std::size_t k = i + w;
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
            if (ranges.empty()) return 0;
            auto& list = out_.patch.dialogue ? *out_.patch.dialogue : out_.patch.dialogue.emplace();
            std::string meaning;
            for (const auto& r : ranges) {
                list.push_back(r);
                meaning += (meaning.empty() ? "dialogue+=" : ",") + seconds_text(r.start.value) + "-" + seconds_text(r.end.value);
            }
            use(i, end, meaning);
            return end - i;
        }
        return 0;
    }

    // "no drums", "without percussion or bass".
    std::size_t match_negation(std::size_t i) {
        if (!is(i, {"no", "without", "minus", "except", "excluding", "not"})) return 0;
        std::size_t j = i + 1;
        if (is(j, {"any", "the"})) ++j;
        const auto list = instruments_at(j, false);
        if (!list) return 0;
        for (const auto& g : list->first) {
            add_unique(exclude_list(), g);
            if (out_.patch.instruments_include) remove(*out_.patch.instruments_include, g);
        }
        const std::size_t end = j + list->second;
        use(i, end, "instruments.exclude+=" + list_text(list->first));
        return end - i;
    }

    // "D minor", "Dm", "F sharp major", "key of E flat", "in A", "Bb dorian"; "minor key" leans.
    std::size_t match_key(std::size_t i) {
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
        } else if (after < size() && (mode = mode_word(t_[after].word))) {
            end = after + 1;
        }
        if (note->bare_lowercase_a) {
            // "a minor key" is an article plus a lean; "a minor" alone in its phrase (or after "in") is A minor.
            if (!mode) return 0;
            if (is(end, {"key", "tonality", "mode"})) return lean_at(i);
            if (!introduced && !(boundary_at(i) && boundary_at(end))) return 0;
        }
        if (!mode && !introduced) return 0;
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

    std::optional<Key> compact_key(std::size_t j) const {
        if (j >= size()) return std::nullopt;
        const std::string& text = t_[j].text;
        if (text.empty() || !std::isupper(static_cast<unsigned char>(text.front()))) return std::nullopt;
        for (std::string_view suffix : {"m", "min", "maj", "minor", "major"}) {
            if (text.size() > suffix.size() && text.ends_with(suffix) && NoteName::parse(text.substr(0, text.size() - suffix.size())))
                return Key::parse(text);
        }
        return std::nullopt;
    }

    std::size_t set_key(std::size_t first, std::size_t last, Key key) {
        if (out_.tonic_only) duplicate(first, last, "a key");
        else set_once(out_.patch.key, key, first, last, "key=" + key.to_string(), "a key");
        return last - first;
    }

    // "minor key", "in a major key": the mode without a tonic.
    std::size_t lean_at(std::size_t i) {
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
    std::size_t match_bpm(std::size_t i) {
        std::size_t j = i;
        if (is(j, {"at", "around", "about"})) ++j;
        if (const auto n = read_number(t_, j)) {
            const std::size_t u = j + n->count;
            std::size_t end = 0;
            if (is(u, {"bpm"})) end = u + 1;
            else if (is(u, {"beats"}) && is(u + 1, {"per", "a"}) && is(u + 2, {"minute"})) end = u + 3;
            if (end) return set_bpm(i, end, n->value);
        }
        if (is(i, {"tempo", "bpm"})) {
            std::size_t k = i + 1;
            if (is(k, {"of", "at", "is", "around", "about"})) ++k;
            if (const auto n = read_number(t_, k)) {
                std::size_t end = k + n->count;
                if (is(end, {"bpm"})) ++end;
                return set_bpm(i, end, n->value);
            }
        }
        return 0;
    }

    std::size_t set_bpm(std::size_t first, std::size_t last, double bpm) {
        set_once(out_.patch.bpm, bpm, first, last, "bpm=" + number_text(bpm), "a tempo");
        return last - first;
    }

    // "3/4", "in 6/8", "7/8 time", "time signature 5/4".
    std::size_t match_meter(std::size_t i) {
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

    // "ends on a hit", "stinger ending", "cadence".
    std::size_t match_ending(std::size_t i) {
        if (is(i, {"ends", "end", "ending", "finishes", "finish", "finishing", "closes", "close"}) &&
            is(i + 1, {"on", "with", "in"})) {
            std::size_t j = i + 2;
            if (is(j, {"a", "an", "the"})) ++j;
            if (const auto p = phrase_at(j)) {
                const std::size_t end = j + p->count;
                if (p->meaning.kind == PhraseKind::hit) return set_ending(i, end, Ending::hit);
                if (p->meaning.kind == PhraseKind::fade_out) return set_ending(i, end, Ending::fade_out);
                if (p->meaning.kind == PhraseKind::big_finish) return big_finish(i, end);
            }
            if (is(j, {"cadence", "resolution"})) return set_ending(i, j + 1, Ending::cadence);
        }
        if (phrase_is(i, PhraseKind::hit)) {
            const std::size_t j = i + phrase_at(i)->count;
            if (is(j, {"ending", "end", "finish"})) return set_ending(i, j + 1, Ending::hit);
        }
        if (is(i, {"cadence", "resolves", "resolving"})) return set_ending(i, i + 1, Ending::cadence);
        return 0;
    }

    std::size_t set_ending(std::size_t first, std::size_t last, Ending ending) {
        set_once(out_.patch.ending, ending, first, last, "ending=" + std::string(ending_name(ending)), "an ending");
        return last - first;
    }

    std::size_t big_finish(std::size_t first, std::size_t last) {
        if (set_once(out_.patch.ending, Ending::big_finish, first, last, "ending=big_finish; energy 1 over the last 15%",
                     "an ending"))
            out_.energy.push_back({{0.85, true}, {1.0, true}, 1.0, 1.0, 2});
        return last - first;
    }

    // "lift at 28 seconds", "hits at 10s and 20s", "chorus at 0:30", "at 0:45 a big hit".
    std::size_t match_event(std::size_t i) {
        if (const auto p = phrase_at(i);
            p && (p->meaning.kind == PhraseKind::hit || p->meaning.kind == PhraseKind::section)) {
            std::size_t j = i + p->count;
            if (!is(j, {"at", "on", "around", "by"})) return 0;
            const auto first = time_at(j + 1);
            if (!first) return 0;
            std::vector<double> times{first->seconds};
            std::size_t end = j + 1 + first->count;
            // "hits at 10s and 20s": only "and" continues the list (after a comma a time is a length).
            while (is(end, {"and"}) && !boundary_at(end)) {
                const auto next = time_at(end + 1);
                if (!next) break;
                times.push_back(next->seconds);
                end += 1 + next->count;
            }
            add_events(i, end, p->meaning, times);
            return end - i;
        }
        if (is(i, {"at", "on"})) {
            const auto t = time_at(i + 1);
            if (!t) return 0;
            std::size_t j = i + 1 + t->count;
            if (is(j, {"a", "an", "the"}) && !boundary_at(j)) ++j;
            if (const auto p = phrase_at(j); p && !boundary_at(j) && p->meaning.kind == PhraseKind::hit) {
                add_events(i, j + p->count, p->meaning, {t->seconds});
                return j + p->count - i;
            }
            if (!t->explicit_unit) return 0;
            out_.warnings.push_back("'" + span(i, i + 1 + t->count) +
                                    "' names no event; write e.g. 'hit at 0:28' or 'lift at 28 seconds'");
            ignore(i, i + 1 + t->count);
            return 1 + t->count;
        }
        return 0;
    }

    void add_events(std::size_t first, std::size_t last, const PhraseMeaning& what, const std::vector<double>& times) {
        use(first, last, add_event_values(what, times));
    }

    std::string add_event_values(const PhraseMeaning& what, const std::vector<double>& times) {
        std::string meaning;
        for (double t : times) {
            if (what.kind == PhraseKind::hit) {
                auto& hits = out_.patch.hits ? *out_.patch.hits : out_.patch.hits.emplace();
                hits.push_back({Seconds(t), what.value});
                meaning += (meaning.empty() ? "hits+=" : ",") + what.value + "@" + seconds_text(t);
            } else {
                auto& sections = out_.patch.sections ? *out_.patch.sections : out_.patch.sections.emplace();
                sections.push_back({what.value, Seconds(t), what.number});
                meaning += (meaning.empty() ? "sections+=" : ",") + what.value + "@" + seconds_text(t) + " energy " +
                           number_text(what.number);
            }
        }
        return meaning;
    }

    // "build", "builds to a climax at 0:40", "slow build".
    std::size_t match_build(std::size_t i) {
        const auto p = phrase_at(i);
        if (!p || p->meaning.kind != PhraseKind::build) return 0;
        std::size_t end = i + p->count;
        double peak = 0.9;
        std::optional<PhraseMeaning> target;
        std::optional<DurationRead> when;
        if (is(end, {"to", "towards", "toward", "into"}) && !boundary_at(end + 1)) {
            std::size_t j = end + 1;
            if (is(j, {"a", "an", "the"})) ++j;
            if (const auto noun = phrase_at(j); noun && noun->meaning.kind != PhraseKind::filler && !boundary_at(j)) {
                target = noun->meaning;
                if (noun->meaning.kind == PhraseKind::energy) peak = noun->meaning.number;
                else if (noun->meaning.kind == PhraseKind::section) peak = std::max(0.9, noun->meaning.number);
                else peak = 1.0;
                end = j + noun->count;
            } else if ((when = time_at(j))) {
                end = j + when->count;
            }
        }
        if (!when && is(end, {"at", "by", "around"}) && (when = time_at(end + 1))) end += 1 + when->count;
        const TimeRef to = when ? TimeRef{when->seconds, false} : TimeRef{1.0, true};
        out_.energy.push_back({{0.0, true}, to, 0.3, peak, 1});
        std::string meaning = "energy rises 0.3 -> " + number_text(peak) + (when ? " by " + seconds_text(when->seconds) : " over the cue");
        if (target && target->kind == PhraseKind::big_finish && !when && !out_.patch.ending) {
            out_.patch.ending = Ending::big_finish;
            meaning += "; ending=big_finish";
        }
        if (target && when && (target->kind == PhraseKind::hit || target->kind == PhraseKind::section))
            meaning += "; " + add_event_values(*target, {when->seconds});
        use(i, end, meaning);
        return end - i;
    }

    std::optional<Region> region_at(std::size_t i) const {
        auto frac = [](double a, double b, bool contrast, std::size_t count) {
            return Region{{a, true}, {b, true}, contrast, count};
        };
        if (is(i, {"first", "front", "opening"}) && is(i + 1, {"half"})) return frac(0.0, 0.5, true, 2);
        if (is(i, {"second", "last", "back", "closing"}) && is(i + 1, {"half"})) return frac(0.5, 1.0, true, 2);
        if (is(i, {"first", "opening"}) && is(i + 1, {"third"})) return frac(0.0, 1.0 / 3.0, true, 2);
        if (is(i, {"last", "final"}) && is(i + 1, {"third"})) return frac(2.0 / 3.0, 1.0, true, 2);
        if (is(i, {"first", "opening", "last", "final"})) {
            if (const auto d = read_duration(t_, i + 1, false); d && d->bars == 0) {
                const bool start = is(i, {"first", "opening"});
                return Region{start ? TimeRef{0.0, false} : TimeRef{1.0, true},
                              start ? TimeRef{d->seconds, false} : TimeRef{1.0, true}, false, 1 + d->count};
            }
        }
        if (is(i, {"middle"})) return frac(1.0 / 3.0, 2.0 / 3.0, false, 1);
        if (is(i, {"intro", "opening", "start", "beginning", "starts", "begins", "opens", "starting"}))
            return frac(0.0, 0.2, false, 1);
        if (is(i, {"ending", "end", "outro", "finish", "ends", "close", "closing"})) return frac(0.8, 1.0, false, 1);
        return std::nullopt;
    }

    // An energy word's level and length in tokens.
    std::optional<std::pair<double, std::size_t>> energy_level_at(std::size_t i) const {
        const auto p = phrase_at(i);
        if (!p || p->meaning.kind != PhraseKind::energy) return std::nullopt;
        return std::make_pair(p->meaning.number, p->count);
    }

    void paint_region(const Region& region, double level) {
        out_.energy.push_back({region.from, region.to, level, level, 2});
        if (!region.contrast) return;
        const double other = level < 0.5 ? 0.75 : 0.35;
        if (region.from.value > 0.0) out_.energy.push_back({{0.0, true}, region.from, other, other, 1});
        else out_.energy.push_back({region.to, {1.0, true}, other, other, 1});
    }

    // "sparse first half", "first half quiet", "quiet intro", "calm then intense", "calm to intense".
    std::size_t match_shape(std::size_t i) {
        std::size_t start = i;
        if (is(i, {"from"}) && energy_level_at(i + 1)) start = i + 1;
        if (const auto level = energy_level_at(start)) {
            const auto [value, count] = *level;
            const std::size_t r = start + count;
            if (const auto region = region_at(r); region && start == i && !boundary_at(r)) {
                paint_region(*region, value);
                use(i, r + region->count, "energy " + number_text(value) + " over " + span(r, r + region->count));
                return r + region->count - i;
            }
            if (is(r, {"then"}) && start == i) return then_chain(i, value, r);
            if (is(r, {"to"}) && energy_level_at(r + 1)) {
                const auto [to, to_count] = *energy_level_at(r + 1);
                out_.energy.push_back({{0.0, true}, {1.0, true}, value, to, 1});
                use(i, r + 1 + to_count, "energy " + number_text(value) + " -> " + number_text(to) + " over the cue");
                return r + 1 + to_count - i;
            }
        }
        if (const auto region = region_at(i)) {
            std::size_t j = i + region->count;
            if (is(j, {"is", "are", "stays"})) ++j;
            if (const auto level = energy_level_at(j); level && !boundary_at(j)) {
                paint_region(*region, level->first);
                use(i, j + level->second, "energy " + number_text(level->first) + " over " + span(i, i + region->count));
                return j + level->second - i;
            }
        }
        return 0;
    }

    std::size_t then_chain(std::size_t i, double first_level, std::size_t end) {
        std::vector<double> levels{first_level};
        bool ends_in_build = false;
        while (is(end, {"then"})) {
            if (const auto next = energy_level_at(end + 1)) {
                levels.push_back(next->first);
                end += 1 + next->second;
            } else if (phrase_is(end + 1, PhraseKind::build)) {
                ends_in_build = true;
                end += 1 + phrase_at(end + 1)->count;
                break;
            } else {
                break;
            }
        }
        if (levels.size() < 2 && !ends_in_build) return 0;
        const std::size_t parts = levels.size() + (ends_in_build ? 1 : 0);
        std::string meaning = "energy";
        for (std::size_t k = 0; k < levels.size(); ++k) {
            const double a = static_cast<double>(k) / static_cast<double>(parts);
            const double b = static_cast<double>(k + 1) / static_cast<double>(parts);
            out_.energy.push_back({{a, true}, {b, true}, levels[k], levels[k], 2});
            meaning += (k ? " then " : " ") + number_text(levels[k]);
        }
        if (ends_in_build) {
            const double a = static_cast<double>(levels.size()) / static_cast<double>(parts);
            out_.energy.push_back({{a, true}, {1.0, true}, levels.back(), 0.9, 2});
            meaning += " then rising to 0.9";
        }
        use(i, end, meaning + " (equal parts of the cue)");
        return end - i;
    }

    // "45 seconds", "a 42-second cue", "1:30", "2 minutes", "16 bars", "length 90 sec long".
    std::size_t match_length(std::size_t i) {
        std::size_t j = i;
        if (is(j, {"length", "duration", "lasting", "runtime"})) {
            ++j;
            if (is(j, {"of", "is"})) ++j;
        }
        const auto d = read_duration(t_, j, false);
        if (!d) return 0;
        if (const auto p = phrase_at(j); p && p->count >= d->count) return 0;  // "80s" is a genre
        std::size_t end = j + d->count;
        if (is(end, {"long"})) ++end;
        if (out_.length_bars || out_.patch.length) {
            duplicate(i, end, "a length");
        } else if (d->bars > 0) {
            out_.length_bars = d->bars;
            use(i, end, "length=" + std::to_string(d->bars) + " bars");
        } else {
            out_.patch.length = Seconds(d->seconds);
            use(i, end, "length_s=" + number_text(d->seconds));
        }
        return end - i;
    }

    // "strings and brass", "solo piano", "piano only", "just piano and cello".
    std::size_t match_instruments(std::size_t i) {
        const bool only_before = is(i, {"solo", "only", "just", "purely", "exclusively"});
        const std::size_t j = only_before ? i + 1 : i;
        const auto list = instruments_at(j, !only_before);
        if (!list) return 0;
        std::size_t end = j + list->second;
        const bool only_after = is(end, {"only", "alone", "solo"}) && !boundary_at(end);
        if (only_after) ++end;
        if (only_before || only_after) {
            include_list() = list->first;
            auto& exclude = exclude_list();
            exclude.clear();
            for (const auto& g : instrument_groups())
                if (std::find(list->first.begin(), list->first.end(), g) == list->first.end()) exclude.push_back(g);
            use(i, end, "instruments.include=" + list_text(list->first) + " (every other group excluded)");
            return end - i;
        }
        for (const auto& g : list->first) {
            add_unique(include_list(), g);
            if (out_.patch.instruments_exclude) remove(*out_.patch.instruments_exclude, g);
        }
        use(i, end, "instruments.include+=" + list_text(list->first));
        return end - i;
    }

    // Single lexicon phrases: genres, moods, tempo words, energy words, endings.
    std::size_t match_phrase(std::size_t i) {
        const auto p = phrase_at(i);
        if (!p) return 0;
        const std::size_t end = i + p->count;
        const PhraseMeaning& m = p->meaning;
        switch (m.kind) {
            case PhraseKind::genre: {
                auto& style = out_.patch.style ? *out_.patch.style : out_.patch.style.emplace();
                add_unique(style, m.value);
                std::string meaning = "style+=" + m.value;
                if (const Genre* g = lex_.genre(m.value); g && g->meter) {
                    if (!implied_meter_) implied_meter_ = *g->meter;
                    meaning += " (implies time_signature=" + g->meter->to_string() + ")";
                }
                use(i, end, meaning);
                return p->count;
            }
            case PhraseKind::mood:
                add_mood(m.value);
                use(i, end, "mood+=" + m.value);
                return p->count;
            case PhraseKind::tempo:
                if (!tempo_word_) {
                    tempo_word_ = m.number;
                    tempo_word_use_ = out_.used_words.size();
                    use(i, end, "bpm=" + number_text(m.number) + " (tempo word)");
                } else {
                    ignore(i, end);
                }
                return p->count;
            case PhraseKind::energy: {
                const auto& word = lex_.energy_words.at(m.value);
                out_.energy.push_back({{0.0, true}, {1.0, true}, word.level, word.level, 0});
                std::string meaning = "energy " + number_text(word.level) + " over the cue";
                if (!word.mood.empty()) {
                    add_mood(word.mood);
                    meaning += "; mood+=" + word.mood;
                }
                use(i, end, meaning);
                return p->count;
            }
            case PhraseKind::fade_out: return set_ending(i, end, Ending::fade_out);
            case PhraseKind::big_finish: return big_finish(i, end);
            case PhraseKind::hit:
            case PhraseKind::section:
                out_.warnings.push_back("'" + span(i, end) + "' has no time; write e.g. '" + span(i, end) + " at 0:28'");
                ignore(i, end);
                return p->count;
            case PhraseKind::instrument:  // taken by match_instruments
            case PhraseKind::build:       // taken by match_build
            case PhraseKind::filler:
                ignore(i, end);
                return p->count;
        }
        return 0;
    }

    void add_mood(const std::string& name) {
        auto& mood = out_.patch.mood ? *out_.patch.mood : out_.patch.mood.emplace();
        add_unique(mood, name);
    }

    void finish() {
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

    std::string_view prompt_;
    const Lexicon& lex_;
    std::vector<Token> t_;
    PromptReading out_;
    std::vector<std::string> unknown_;
    std::optional<double> tempo_word_;
    std::size_t tempo_word_use_ = 0;
    std::optional<Meter> implied_meter_;
};

}  // namespace

PromptReading read_prompt(std::string_view prompt, const Lexicon& lexicon) { return Parser(prompt, lexicon).run(); }

}  // namespace tunesmith
