// The prompt grammar's matchers of instruments: group words and named voices ("strings and brass",
// "solo cello", "piano and marimba"), the track each named voice plays on, and the reading of a
// misspelt genre, mood or instrument word ("gitar"). spec/prompt_grammar.h has the parser's state.
#include <algorithm>
#include <cctype>

#include "spec/prompt_grammar.h"
#include "spec/voices.h"

namespace tunesmith::prompt_grammar {

// "strings and brass", "solo piano", "piano only", "just a piano", "unaccompanied violin",
// "piano and cello duo", "cello on its own", "a cappella choir".
std::size_t Parser::match_instruments(std::size_t i) {
    if (const std::size_t featured = match_featured(i)) return featured;
    std::size_t j = i;
    if (is(j, {"solo", "only", "just", "purely", "exclusively", "unaccompanied", "lone"})) ++j;
    else if (is(j, {"acapella", "acappella"})) ++j;
    else if (is(j, {"a"}) && is(j + 1, {"cappella", "capella"}) && !boundary_at(j + 1)) j += 2;
    const bool only_before = j > i;
    if (only_before && is(j, {"a", "an", "one"}) && !boundary_at(j)) ++j;  // "just a piano"
    const auto list = instruments_at(j, !only_before);
    if (!list) return a_cappella(i, j);
    std::size_t end = j + list->second;
    std::size_t after = players_after(end);
    // After a genre, "saxophone solo" is a solo over the band ("pop song, saxophone solo"): one
    // melodic player is featured; "solo saxophone" or "piano solo" stay the instrument alone.
    if (!only_before && after == 1 && is(end, {"solo", "solos"}) && out_.patch.style && !out_.patch.style->empty() &&
        one_melodic_player(list->first)) {
        std::string voices;
        const std::vector<std::string> groups = claim_groups(list->first, voices);
        for (const auto& g : groups) place_group(&SpecPatch::instruments_feature, g);
        use(i, end + 1, "instruments.feature+=" + list_text(groups) + " (on top of the style's band)" + voices);
        return end + 1 - i;
    }
    // "a big brass lift at 1:15", "a drum hit at 0:12", "string swell": the instruments colour the hit;
    // they join the band (an include made "orchestral ... brass lift" brass alone).
    if (!only_before && after == 0 && phrase_is(end, PhraseKind::hit)) {
        std::string voices;
        const std::vector<std::string> groups = claim_groups(list->first, voices);
        for (const auto& g : groups) place_group(&SpecPatch::instruments_add, g);
        use(i, end, "instruments.add+=" + list_text(groups) + " (heard at the hit; joins the band)" + voices);
        return end - i;
    }
    end += after;
    std::string voices;
    const std::vector<std::string> groups = claim_groups(list->first, voices);
    for (const auto& item : list->first)  // "jazz trio": the ensemble's genre too
        if (!item.genre.empty()) voices += "; " + add_genre(item.genre, i, end);
    if (only_before || after > 0) {
        out_.patch.instruments_feature.reset();  // nothing else plays, so nothing plays on top of a band
        out_.patch.instruments_add.reset();
        include_list() = groups;
        auto& exclude = exclude_list();
        exclude.clear();
        for (const auto& g : instrument_groups())
            if (std::find(groups.begin(), groups.end(), g) == groups.end()) exclude.push_back(g);
        use(i, end, "instruments.include=" + list_text(groups) + " (every other group excluded)" + voices);
        return end - i;
    }
    for (const auto& g : groups) place_group(&SpecPatch::instruments_include, g);
    use(i, end, "instruments.include+=" + list_text(groups) + voices);
    return end - i;
}

// After a genre, instruments joined on by "with", "featuring", "feat", "ft", "plus", "starring" (or
// "and" before "a Y solo") are played on top of the style's band. Soloists carry the tune
// (instruments.feature): all of them after "featuring" or with "solo"/"lead" ("pop song with a
// saxophone solo", "jazz featuring a trumpet"), else each named melodic player ("ambient with a
// flute", the trumpet of "with muted trumpet and upright bass"). Sections and plain groups join the
// band and accompany (instruments.add): "cinematic with strings", "rock with piano and a choir". Without a genre there is
// no band to add to, so "piano with strings" stays an include; ensembles ("jazz with a string
// quartet") and "with just piano" keep their meaning.
std::size_t Parser::match_featured(std::size_t i) {
    if (!out_.patch.style || out_.patch.style->empty()) return 0;
    const bool joined = is(i, {"with", "featuring", "feat", "ft", "plus", "starring"});
    if (!joined && !is(i, {"and"})) return 0;
    std::size_t j = i + 1;
    if (is(j, {"a", "an", "the", "some"}) && !boundary_at(j)) ++j;
    const bool solo_before = is(j, {"solo", "featured", "lead"}) && !boundary_at(j);  // "with a solo saxophone"
    if (solo_before) ++j;
    if (boundary_at(j)) return 0;
    const auto list = instruments_at(j, false);
    if (!list || std::any_of(list->first.begin(), list->first.end(), [](const PhraseMeaning& m) {
            return !m.players.empty() || !m.genre.empty();
        }))
        return 0;
    std::size_t end = j + list->second;
    const bool solo_after = is(end, {"solo", "solos", "lead"}) && !boundary_at(end);
    // "jazz and piano": an include, as before; "with strings and a solo cello": the cello over the band.
    const bool after_band_list = !out_.used_words.empty() && (out_.used_words.back().meaning.starts_with("instruments.add") ||
                                                              out_.used_words.back().meaning.starts_with("instruments.feature"));
    if (!joined && !solo_after && !(solo_before && after_band_list)) return 0;
    if (!solo_after && players_after(end) > 0) return 0;  // "with piano only": nothing else plays
    if (solo_after) ++end;
    const bool all_featured = solo_before || solo_after || !is(i, {"with", "plus"});
    std::string voices;
    const std::vector<std::string> groups = claim_groups(list->first, voices);
    std::vector<std::string> featured, added;
    for (const auto& g : groups) {
        const auto voiced = voices_.find(g);
        const Voice* v = voiced != voices_.end() && voiced->second.size() == 1 ? find_voice(voiced->second.front()) : nullptr;
        const bool soloist = all_featured || (v != nullptr && v->polyphony >= 1 && v->polyphony <= 2);
        place_group(soloist ? &SpecPatch::instruments_feature : &SpecPatch::instruments_add, g);
        (soloist ? featured : added).push_back(g);
    }
    std::string meaning;
    if (!featured.empty()) meaning = "instruments.feature+=" + list_text(featured) + " (on top of the style's band)";
    if (!added.empty())
        meaning += (meaning.empty() ? "" : "; ") + std::string("instruments.add+=") + list_text(added) +
                   " (joins the style's band; the style's lead keeps the tune)";
    use(i, end, meaning + voices);
    return end - i;
}

// True when the list is one named player who can carry a tune on top of a band: a wind, brass,
// bowed string or lead synth (a voice of one or two notes at once), not a section or a keyboard
// ("saxophone" of "pop song, saxophone solo").
bool Parser::one_melodic_player(const std::vector<PhraseMeaning>& items) {
    if (items.size() != 1 || !items.front().players.empty()) return false;
    const Voice* voice = items.front().voice.empty() ? nullptr : find_voice(items.front().voice);
    return voice != nullptr && voice->polyphony >= 1 && voice->polyphony <= 2;
}

// Words after an instrument list that say nothing else plays: "only", "alone", "solo", "duo",
// "duet", "trio", "quartet", "quintet", "unaccompanied", "by itself", "on its own", "by themselves". The
// tokens taken (0: none).
std::size_t Parser::players_after(std::size_t end) const {
    if (boundary_at(end)) return 0;
    if (is(end, {"only", "alone", "solo", "duo", "duet", "trio", "quartet", "quintet", "unaccompanied"})) return 1;
    if (is(end, {"by"}) && is(end + 1, {"itself", "themselves"}) && !boundary_at(end + 1)) return 2;
    if (is(end, {"on"}) && is(end + 1, {"its", "their"}) && is(end + 2, {"own"}) && !boundary_at(end + 1) &&
        !boundary_at(end + 2))
        return 3;
    return 0;
}

// "a cappella" with no instrument after it: voices alone, the choir and nothing else.
std::size_t Parser::a_cappella(std::size_t i, std::size_t j) {
    if (j == i || !(is(i, {"a", "acapella", "acappella"}))) return 0;
    include_list() = {"choir"};
    auto& exclude = exclude_list();
    exclude.clear();
    for (const auto& g : instrument_groups())
        if (g != "choir") exclude.push_back(g);
    use(i, j, "instruments.include=choir (every other group excluded)");
    return j - i;
}

// What the prompt's instruments make of the cue: one player per part and nothing else
// (spec/voices.h played_by_soloists) is said in the meaning of the last instrument words.
void Parser::note_soloists() {
    InstrumentSpec instruments;
    if (out_.patch.instruments_include) instruments.include = *out_.patch.instruments_include;
    if (out_.patch.instruments_exclude) instruments.exclude = *out_.patch.instruments_exclude;
    if (out_.patch.instruments_feature) instruments.feature = *out_.patch.instruments_feature;
    if (out_.patch.instruments_add) instruments.add = *out_.patch.instruments_add;
    instruments.voices = voices_;
    if (instruments.include.empty() || !played_by_soloists(instruments)) return;
    const auto last = std::find_if(out_.used_words.rbegin(), out_.used_words.rend(), [](const WordUse& w) {
        return w.meaning.starts_with("instruments.include");
    });
    if (last == out_.used_words.rend()) return;
    static constexpr const char* kNames[]{"", "solo", "duo", "trio", "quartet", "quintet"};
    static_assert(std::size(kNames) == kMostSoloists + 1);
    last->meaning += "; played as a " + std::string(kNames[cue_players(instruments).size()]) +
                     " (one player per part, no other layers)";
}

// Every voice the prompt names gets its track before the words are read, so the order of the
// words does not matter: an ensemble's players and voices with one possible track first, then
// those with an alternate. A voice takes its own group, or its alternate when that group is taken
// or a plain word asks for it ("piano and marimba": the marimba plays on the synth track; "tuba and
// trumpet": the tuba on the bass track); with no free group it joins its own group's players
// ("violin and cello": strings [violin, cello]) or refines a plain word ("strings and cello").
void Parser::plan_voices() {
    std::vector<const Voice*> named;
    bool negated = false;  // "no organ": a voice not played takes no track
    for (std::size_t i = 0; i < size();) {
        const auto p = phrase_at(i);
        if (boundary_at(i)) negated = false;
        if (p && p->meaning.kind == PhraseKind::instrument && !negated) {
            // An ensemble's players keep their own groups: a brass quintet's tuba is one of the brass.
            for (const auto& player : p->meaning.players)
                if (const Voice* v = find_voice(player)) planned_.try_emplace(player, std::string(v->group));
                else add_unique(plain_groups_, player);
            const Voice* v = find_voice(p->meaning.voice);
            if (v == nullptr && p->meaning.players.empty()) add_unique(plain_groups_, p->meaning.value);
            else if (v != nullptr && std::find(named.begin(), named.end(), v) == named.end()) named.push_back(v);
        }
        if (!is(i, {"any", "the", "and", "or", "nor"}) && !(p && p->meaning.kind == PhraseKind::instrument))
            negated = is(i, {"no", "without", "minus", "except", "excluding", "not"});
        i += p ? p->count : 1;
    }
    std::stable_partition(named.begin(), named.end(), [](const Voice* v) { return v->alternate_group.empty(); });
    for (const Voice* v : named) plan_voice(*v);
}

std::string Parser::plan_voice(const Voice& v) {
    const std::string name(v.name);
    if (const auto planned = planned_.find(name); planned != planned_.end()) return planned->second;
    auto taken = [&](const std::string& g) {
        return std::any_of(planned_.begin(), planned_.end(), [&](const auto& entry) { return entry.second == g; });
    };
    auto plain = [&](const std::string& g) {
        return std::find(plain_groups_.begin(), plain_groups_.end(), g) != plain_groups_.end();
    };
    std::string group(v.group);
    for (std::string_view option : {v.group, v.alternate_group})
        if (!option.empty() && !taken(std::string(option)) && !plain(std::string(option))) {
            group = std::string(option);
            break;
        }
    planned_[name] = group;
    return group;
}

std::vector<std::string> Parser::claim_groups(const std::vector<PhraseMeaning>& items, std::string& meaning) {
    std::vector<std::string> groups;
    std::vector<std::string> voiced;     // groups given a voice here, for the meaning
    std::vector<std::string> sectioned;  // groups whose sections became their plain sound here
    auto section = [](const std::string& voice) {
        const Voice* v = find_voice(voice);
        return v != nullptr && v->polyphony == 0;
    };
    auto claim = [&](const std::string& group, const std::string& voice, bool again) {
        add_unique(groups, group);
        auto& list = voices_[group];
        // A voice named twice is one player ("cello ... cellos"); an ensemble may list one twice.
        if (!again && std::find(list.begin(), list.end(), voice) != list.end()) return;
        // Sections of several instruments of one group ("violins and cellos", "trumpets and
        // trombones") are that group's own section sound, not one track of each.
        const bool sections_only = std::all_of(list.begin(), list.end(), section);
        const bool grouped = std::find(section_groups_.begin(), section_groups_.end(), group) != section_groups_.end();
        if (section(voice) && ((!list.empty() && sections_only) || (grouped && list.empty()))) {
            list.clear();
            add_unique(section_groups_, group);
            add_unique(sectioned, group);
            std::erase(voiced, group);
            return;
        }
        list.push_back(voice);
        add_unique(voiced, group);
    };
    for (const auto& item : items) {
        for (const auto& player : item.players) {
            if (const Voice* voice = find_voice(player)) claim(plan_voice(*voice), player, true);
            else add_unique(groups, player);  // a plain piano or guitar
        }
        if (!item.players.empty()) continue;
        const Voice* voice = item.voice.empty() ? nullptr : find_voice(item.voice);
        if (voice == nullptr) add_unique(groups, item.value);
        else claim(plan_voice(*voice), item.voice, false);  // planned, or a word only a spelling correction found
    }
    for (const auto& group : voiced) {
        meaning += "; instruments.voices." + group + "=";
        for (std::size_t i = 0; i < voices_[group].size(); ++i) meaning += (i > 0 ? "," : "") + voices_[group][i];
    }
    for (const auto& group : sectioned)
        meaning += "; instruments.voices." + group + " left to the style (several of its sections together are the " +
                   group + " section)";
    return groups;
}

std::size_t Parser::match_corrected(std::size_t i) {
    // A capitalised word inside a phrase is a name ("a theme for Violn Studios"), not a slip.
    const std::string& text = t_[i].text;
    if (i > 0 && !t_[i].boundary_before && !text.empty() && std::isupper(static_cast<unsigned char>(text.front())))
        return 0;
    const auto fixed = correction(t_[i].word);
    if (!fixed) return 0;
    const std::string written = t_[i].word;
    t_[i].word = *fixed;
    const std::size_t used = match_at(i);
    if (used == 0) {
        t_[i].word = written;
        return 0;
    }
    out_.warnings.push_back(text + " -> " + *fixed + " (spelling corrected: the one music word a typing slip away)");
    return used;
}

namespace {

// True when `written` is `word` with one typing slip: a letter left out, one too many, or two
// neighbours swapped. A replaced letter is not a slip here: too often it makes another real word
// ("strong" is not "string").
bool one_slip(std::string_view written, std::string_view word) {
    if (written.size() + 1 == word.size() || word.size() + 1 == written.size()) {
        const std::string_view longer = written.size() > word.size() ? written : word;
        const std::string_view shorter = written.size() > word.size() ? word : written;
        std::size_t i = 0;
        while (i < shorter.size() && shorter[i] == longer[i]) ++i;
        return shorter.substr(i) == longer.substr(i + 1);
    }
    if (written.size() != word.size()) return false;
    std::size_t i = 0;
    while (i < word.size() && written[i] == word[i]) ++i;
    return i + 1 < word.size() && written[i] == word[i + 1] && written[i + 1] == word[i] &&
           written.substr(i + 2) == word.substr(i + 2);
}

// One edit of any kind, a replaced letter included: what makes another reading possible.
bool within_one_edit(std::string_view written, std::string_view word) {
    if (one_slip(written, word)) return true;
    if (written.size() != word.size()) return false;
    std::size_t differ = 0;
    for (std::size_t i = 0; i < word.size(); ++i) differ += written[i] != word[i] ? 1u : 0u;
    return differ == 1;
}

bool same_meaning(const PhraseMeaning& a, const PhraseMeaning& b) {
    return a.kind == b.kind && a.value == b.value && a.voice == b.voice && a.players == b.players && a.genre == b.genre;
}

}  // namespace

void Parser::correct_units() {
    static constexpr std::string_view kUnits[]{"seconds", "second", "minutes", "minute"};
    for (std::size_t i = 1; i < size(); ++i) {
        const std::string& word = t_[i].word;
        if (word.size() < 5 || lex_.find(word) || lex_.real_words.contains(word) || !read_number(t_, i - 1) ||
            std::any_of(std::begin(kUnits), std::end(kUnits), [&](std::string_view u) { return u == word; }))
            continue;
        const auto unit = std::find_if(std::begin(kUnits), std::end(kUnits),
                                       [&](std::string_view u) { return within_one_edit(word, u) && word[0] == u[0]; });
        if (unit == std::end(kUnits)) continue;
        out_.warnings.push_back(t_[i].text + " -> " + std::string(*unit) +
                                " (spelling corrected: a unit after a number)");
        t_[i].word = std::string(*unit);
    }
}

// The genre, mood or instrument word `word` is a typing slip of, only when the reading is safe:
// the slip is two neighbours swapped (words of four or more letters) or a letter left out or one
// too many (five or more); the first letter is kept; every lexicon word of that first letter one
// edit away (a replaced letter included) means the same thing, so the slip is unambiguous
// ("violn" could be violin or viola, "barss" brass or bass: left alone); and `word` is not an
// English word (data/real_words_near_lexicon.txt: "mental" is not "metal").
std::optional<std::string> Parser::correction(const std::string& word) const {
    if (word.size() < 4 || std::any_of(word.begin(), word.end(), [](char c) { return c < 'a' || c > 'z'; }) ||
        lex_.real_words.contains(word))
        return std::nullopt;
    std::optional<std::string> found;
    const PhraseMeaning* reading = nullptr;
    for (const auto& [phrase, meaning] : lex_.phrases) {
        if (phrase.size() < 3 || phrase.front() != word.front() || phrase.find(' ') != std::string::npos ||
            !within_one_edit(word, phrase))
            continue;
        if (reading != nullptr && !same_meaning(*reading, meaning)) return std::nullopt;
        reading = &meaning;
        const bool named = meaning.kind == PhraseKind::genre || meaning.kind == PhraseKind::mood ||
                           meaning.kind == PhraseKind::instrument;
        const bool swapped = phrase.size() == word.size();
        if (!found && named && one_slip(word, phrase) && (swapped || (word.size() >= 5 && phrase.size() >= 5)))
            found = phrase;
    }
    return found;
}

}  // namespace tunesmith::prompt_grammar
