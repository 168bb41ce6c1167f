// The prompt grammar's matchers of instruments: group words and named voices ("strings and brass",
// "solo cello", "piano and marimba"), the track each named voice plays on, and the reading of a
// misspelt genre, mood or instrument word ("gitar"). spec/prompt_grammar.h has the parser's state.
#include <algorithm>

#include "spec/prompt_grammar.h"
#include "spec/voices.h"

namespace tunesmith::prompt_grammar {

// "strings and brass", "solo piano", "piano only", "just piano and cello".
std::size_t Parser::match_instruments(std::size_t i) {
    const bool only_before = is(i, {"solo", "only", "just", "purely", "exclusively"});
    const std::size_t j = only_before ? i + 1 : i;
    const auto list = instruments_at(j, !only_before);
    if (!list) return 0;
    std::size_t end = j + list->second;
    const bool only_after = is(end, {"only", "alone", "solo"}) && !boundary_at(end);
    if (only_after) ++end;
    std::string voices;
    const std::vector<std::string> groups = claim_groups(list->first, voices);
    if (only_before || only_after) {
        include_list() = groups;
        auto& exclude = exclude_list();
        exclude.clear();
        for (const auto& g : instrument_groups())
            if (std::find(groups.begin(), groups.end(), g) == groups.end()) exclude.push_back(g);
        use(i, end, "instruments.include=" + list_text(groups) + " (every other group excluded)" + voices);
        return end - i;
    }
    for (const auto& g : groups) {
        add_unique(include_list(), g);
        if (out_.patch.instruments_exclude) remove(*out_.patch.instruments_exclude, g);
    }
    use(i, end, "instruments.include+=" + list_text(groups) + voices);
    return end - i;
}

// Every voice the prompt names gets its track before the words are read, so the order of the
// words does not matter: voices with one possible track first, then those with an alternate. A
// voice takes its own group, or its alternate when that group is taken or a plain word asks for
// it ("piano and marimba": the marimba plays on the synth track; "tuba and trumpet": the tuba on
// the bass track); with no free group it refines a plain word ("strings and cello"). Two voices
// left on one track cannot both sound: it keeps the style's sound, and a warning says so.
void Parser::plan_voices() {
    std::vector<const Voice*> named;
    bool negated = false;  // "no organ": a voice not played takes no track
    for (std::size_t i = 0; i < size();) {
        const auto p = phrase_at(i);
        if (boundary_at(i)) negated = false;
        if (p && p->meaning.kind == PhraseKind::instrument && !negated) {
            const Voice* v = find_voice(p->meaning.voice);
            if (v == nullptr) add_unique(plain_groups_, p->meaning.value);
            else if (std::find(named.begin(), named.end(), v) == named.end()) named.push_back(v);
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
    if (taken(group) && std::find(shared_groups_.begin(), shared_groups_.end(), group) == shared_groups_.end()) {
        std::string other;
        for (const auto& [voice, g] : planned_)
            if (g == group) other = voice;
        out_.warnings.push_back("the " + other + " and the " + name + " would both play on the " + group +
                                " track; it plays the style's " + group + " (set instruments.voices." + group +
                                " to choose one)");
        shared_groups_.push_back(group);
    }
    planned_[name] = group;
    return group;
}

std::vector<std::string> Parser::claim_groups(const std::vector<PhraseMeaning>& items, std::string& meaning) {
    std::vector<std::string> groups;
    for (const auto& item : items) {
        const Voice* voice = item.voice.empty() ? nullptr : find_voice(item.voice);
        if (voice == nullptr) {
            add_unique(groups, item.value);
            continue;
        }
        const std::string group = plan_voice(*voice);  // planned, or a word only a spelling correction found
        add_unique(groups, group);
        if (std::find(shared_groups_.begin(), shared_groups_.end(), group) != shared_groups_.end() ||
            voices_.contains(group))
            continue;
        voices_[group] = item.voice;
        meaning += "; instruments.voices." + group + "=" + item.voice;
    }
    return groups;
}

std::size_t Parser::match_corrected(std::size_t i) {
    const auto fixed = correction(t_[i].word);
    if (!fixed) return 0;
    const std::string written = t_[i].word;
    t_[i].word = *fixed;
    const std::size_t used = match_at(i);
    if (used == 0) {
        t_[i].word = written;
        return 0;
    }
    out_.warnings.push_back(t_[i].text + " -> " + *fixed + " (spelling corrected)");
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

}  // namespace

// The one genre, mood or instrument word of five or more letters, with the same first letter,
// that `word` is a slip of; nullopt when there is none or more than one, or when `word` is itself an
// English word ("mental" is not "metal").
std::optional<std::string> Parser::correction(const std::string& word) const {
    if (word.size() < 5 || std::any_of(word.begin(), word.end(), [](char c) { return c < 'a' || c > 'z'; }) ||
        lex_.real_words.contains(word))
        return std::nullopt;
    std::optional<std::string> found;
    for (const auto& [phrase, meaning] : lex_.phrases) {
        const bool named = meaning.kind == PhraseKind::genre || meaning.kind == PhraseKind::mood ||
                           meaning.kind == PhraseKind::instrument;
        if (!named || phrase.size() < 5 || phrase.front() != word.front() || phrase.find(' ') != std::string::npos ||
            !one_slip(word, phrase))
            continue;
        if (found) return std::nullopt;
        found = phrase;
    }
    return found;
}

}  // namespace tunesmith::prompt_grammar
