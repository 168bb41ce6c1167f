// The prompt grammar's matchers of time: endings ("ends on a hit"), events ("lift at 28 seconds"),
// builds ("builds to a climax at 0:40"), energy shapes ("sparse first half", "calm then intense")
// and lengths ("45 seconds", "16 bars").
#include "spec/prompt_grammar.h"

namespace tunesmith::prompt_grammar {

// "ends on a hit", "stinger ending", "cadence".
std::size_t Parser::match_ending(std::size_t i) {
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

std::size_t Parser::set_ending(std::size_t first, std::size_t last, Ending ending) {
    set_once(out_.patch.ending, ending, first, last, "ending=" + std::string(ending_name(ending)), "an ending");
    return last - first;
}

std::size_t Parser::big_finish(std::size_t first, std::size_t last) {
    if (set_once(out_.patch.ending, Ending::big_finish, first, last, "ending=big_finish; energy 1 over the last 15%",
                 "an ending"))
        out_.energy.push_back({{0.85, true}, {1.0, true}, 1.0, 1.0, 2});
    return last - first;
}

// "lift at 28 seconds", "hits at 10s and 20s", "chorus at 0:30", "at 0:45 a big hit".
std::size_t Parser::match_event(std::size_t i) {
    if (const auto p = phrase_at(i);
        p && (p->meaning.kind == PhraseKind::hit || p->meaning.kind == PhraseKind::section)) {
        std::size_t j = i + p->count;
        if (!is(j, {"at", "on", "around", "by"})) return 0;
        const auto first = time_at(j + 1);
        if (!first) return 0;
        std::vector<double> times{first->seconds};
        std::size_t end = j + 1 + first->count;
        // "hits at 10s and 20s", "hits at 10s, 20s and 45s", "hits at 10s, 20s, 30s": a comma continues
        // the list when "and <time>" closes it or the word is plural; "and <time>" ends it, and a time
        // with "long" after it is a length ("stinger at 0:50, 60 seconds" keeps 60 s as the length).
        // Plural: the word less its "s" is a phrase of the same kind ("hits", "drops"; not "chorus").
        const std::string key = phrase_key(t_, i, i + p->count);
        const PhraseMeaning* singular = key.ends_with('s') ? lex_.find(key.substr(0, key.size() - 1)) : nullptr;
        const bool plural = singular && singular->kind == p->meaning.kind;
        while (true) {
            std::size_t k = end;
            const bool comma = comma_at(k);
            if (comma && !plural && !and_closes_list(k)) break;
            const bool closing = is(k, {"and"}) && (comma || !boundary_at(k));
            if (closing) ++k;
            else if (!comma) break;
            const auto next = time_at(k);
            if (!next || is(k + next->count, {"long"})) break;
            times.push_back(next->seconds);
            end = k + next->count;
            if (closing) break;
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

// After a comma at k: times separated by commas that end in "and <time>" ("20s and 45s").
bool Parser::and_closes_list(std::size_t k) const {
    while (k < size()) {
        if (is(k, {"and"})) return time_at(k + 1).has_value();
        const auto t = time_at(k);
        if (!t) return false;
        k += t->count;
        if (is(k, {"and"}) && !boundary_at(k)) return time_at(k + 1).has_value();
        if (!comma_at(k)) return false;
    }
    return false;
}

void Parser::add_events(std::size_t first, std::size_t last, const PhraseMeaning& what, const std::vector<double>& times) {
    use(first, last, add_event_values(what, times));
}

std::string Parser::add_event_values(const PhraseMeaning& what, const std::vector<double>& times) {
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
            // "drop at 30s": the EDM drop is the peak, and lands with an impact.
            if (!what.hit.empty()) {
                auto& hits = out_.patch.hits ? *out_.patch.hits : out_.patch.hits.emplace();
                hits.push_back({Seconds(t), what.hit});
                meaning += " and " + what.hit + "@" + seconds_text(t);
            }
        }
    }
    return meaning;
}

// "build", "builds to a climax at 0:40", "slow build".
std::size_t Parser::match_build(std::size_t i) {
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

std::optional<Region> Parser::region_at(std::size_t i) const {
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
std::optional<std::pair<double, std::size_t>> Parser::energy_level_at(std::size_t i) const {
    const auto p = phrase_at(i);
    if (!p || p->meaning.kind != PhraseKind::energy) return std::nullopt;
    return std::make_pair(p->meaning.number, p->count);
}

void Parser::paint_region(const Region& region, double level) {
    out_.energy.push_back({region.from, region.to, level, level, 2});
    if (!region.contrast) return;
    const double other = level < 0.5 ? 0.75 : 0.35;
    if (region.from.value > 0.0) out_.energy.push_back({{0.0, true}, region.from, other, other, 1});
    else out_.energy.push_back({region.to, {1.0, true}, other, other, 1});
}

// "sparse first half", "first half quiet", "quiet intro", "calm then intense", "calm to intense".
std::size_t Parser::match_shape(std::size_t i) {
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

std::size_t Parser::then_chain(std::size_t i, double first_level, std::size_t end) {
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

// A decade at i: its lexicon key ("1980s", "'80s" -> "80s"; "2010s") and whether the spelling alone
// makes it one (four digits or an apostrophe) rather than "70s" that may be seconds.
std::optional<std::pair<std::string, bool>> Parser::decade_at(std::size_t i) const {
    if (!is(i + 1, {"s"}) || t_[i + 1].glue != Glue::none) return std::nullopt;
    const std::string& digits = t_[i].word;
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    if (digits.size() == 2 && digits[0] != '0' && digits[1] == '0') return std::make_pair(digits + "s", t_[i].apostrophe);
    if (digits.size() == 4 && digits[3] == '0' && (digits.starts_with("19") || digits.starts_with("20")))
        return std::make_pair((digits.starts_with("19") ? digits.substr(2) : digits) + "s", true);
    return std::nullopt;
}

// "70s funk", "retro 1980s synth pop", "the '60s": an era, never a length. A bare two-digit
// "70s" is a decade after "retro", "vintage", "the", "early", "mid", "late", "classic", or before a
// genre that takes decades (lexicon "decades": true; one mood, energy or tempo word may come
// between: "70s soft rock") or a style word ("80s style", "90s vibe"); otherwise it is seconds
// ("a 30s trailer", "hits at 10s, 20s"). The era is a style hint when the lexicon has one ("80s").
std::size_t Parser::match_era(std::size_t i) {
    const auto decade = decade_at(i);
    if (!decade) return 0;
    const auto& [key, certain] = *decade;
    if (!certain) {
        const bool era_word_before =
            i > 0 && !t_[i].boundary_before && is(i - 1, {"retro", "vintage", "the", "early", "mid", "late", "classic"});
        std::size_t k = i + 2;
        if (const auto adjective = phrase_at(k); adjective && !boundary_at(k) &&
                                                 (adjective->meaning.kind == PhraseKind::mood ||
                                                  adjective->meaning.kind == PhraseKind::energy ||
                                                  adjective->meaning.kind == PhraseKind::tempo))
            k += adjective->count;
        const auto next = phrase_at(k);
        const Genre* genre = next && next->meaning.kind == PhraseKind::genre ? lex_.genre(next->meaning.value) : nullptr;
        const bool style_after =
            !boundary_at(k) && ((genre && genre->has_decades) ||
                                is(k, {"style", "styled", "era", "vibe", "vibes", "aesthetic", "sound", "throwback", "nostalgia"}));
        if (!era_word_before && !style_after) return 0;
    }
    if (const PhraseMeaning* m = lex_.find(key); m && m->kind != PhraseKind::filler) return use_phrase(i, i + 2, *m);
    out_.warnings.push_back("'" + span(i, i + 2) + "' read as an era, not a length; no style in the lexicon fits it, so it is ignored");
    out_.ignored_words.push_back(span(i, i + 2));
    return 2;
}

// "45 seconds", "a 42-second cue", "1:30", "2 minutes", "16 bars", "length 90 sec long".
std::size_t Parser::match_length(std::size_t i) {
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

}  // namespace tunesmith::prompt_grammar
