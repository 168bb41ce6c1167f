// Loading and validating data/lexicon.json into a phrase table. Errors name the file and JSON path,
// and a phrase listed twice (say "bass" as genre and instrument) is rejected, so the parser
// never has to guess which meaning a word has.
#include "spec/lexicon.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "base/error.h"
#include "spec/cue_spec_json.h"
#include "spec/value_parsers.h"
#include "spec/voices.h"

namespace tunesmith {
namespace {

using nlohmann::json;

PhraseMeaning meaning_of(PhraseKind kind, std::string value, double number) {
    PhraseMeaning meaning;
    meaning.kind = kind;
    meaning.value = std::move(value);
    meaning.number = number;
    return meaning;
}

// Walks the document keeping the file name and path for error messages.
class LexiconReader {
public:
    explicit LexiconReader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& value, const std::string& accepted) const {
        throw InputError(source_ + ": " + path, value, accepted);
    }
    const json& object(const json& value, const std::string& path) const {
        if (!value.is_object()) fail(path, value.dump(), "a JSON object");
        return value;
    }
    const json& member(const json& parent, const std::string& name, const std::string& path) const {
        if (!parent.contains(name)) fail(path.empty() ? name : path + "." + name, "", "a required field");
        return parent[name];
    }
    double number(const json& value, const std::string& path, double lo, double hi) const {
        if (!value.is_number()) fail(path, value.dump(), "a number");
        const double x = value.get<double>();
        if (x < lo || x > hi) fail(path, value.dump(), "a number from " + json(lo).dump() + " to " + json(hi).dump());
        return x;
    }
    std::string string(const json& value, const std::string& path) const {
        if (!value.is_string() || value.get<std::string>().empty()) fail(path, value.dump(), "a non-empty string");
        return value.get<std::string>();
    }
    std::vector<std::string> strings(const json& value, const std::string& path) const {
        if (!value.is_array()) fail(path, value.dump(), "an array of strings");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < value.size(); ++i) out.push_back(string(value[i], path + "[" + std::to_string(i) + "]"));
        return out;
    }
    void add_phrase(Lexicon& lexicon, const std::string& phrase, PhraseMeaning meaning, const std::string& path) {
        const std::string key = normalize_phrase(phrase);
        if (key.empty()) fail(path, phrase, "a phrase with at least one word");
        if (const auto it = owners_.find(key); it != owners_.end())
            fail(path, phrase, "a phrase listed only once (already at " + it->second + ")");
        owners_[key] = path;
        lexicon.longest_phrase =
            std::max(lexicon.longest_phrase, static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1);
        lexicon.phrases[key] = std::move(meaning);
    }

private:
    std::string source_;
    std::map<std::string, std::string> owners_;
};

void read_defaults(LexiconReader& r, const json& doc, Lexicon& lexicon) {
    const json& d = r.object(r.member(doc, "defaults", ""), "defaults");
    auto key = [&](const char* name) {
        const std::string path = std::string("defaults.") + name;
        const std::string text = r.string(r.member(d, name, "defaults"), path);
        const auto parsed = Key::parse(text);
        if (!parsed) r.fail(path, text, "a key such as 'C major'");
        return *parsed;
    };
    lexicon.major_key = key("major_key");
    lexicon.minor_key = key("minor_key");
    lexicon.neutral_key = key("neutral_key");
    lexicon.default_bpm = r.number(r.member(d, "bpm", "defaults"), "defaults.bpm", 20.0, 400.0);
    lexicon.bpm_by_arousal = {lexicon.default_bpm, lexicon.default_bpm};
    if (d.contains("bpm_by_arousal")) {
        const json& range = d["bpm_by_arousal"];
        if (!range.is_array() || range.size() != 2)
            r.fail("defaults.bpm_by_arousal", range.dump(), "[bpm at arousal 0, bpm at arousal 1]");
        for (std::size_t i = 0; i < 2; ++i)
            lexicon.bpm_by_arousal[i] =
                r.number(range[i], "defaults.bpm_by_arousal[" + std::to_string(i) + "]", 20.0, 400.0);
    }
}

void read_genres(LexiconReader& r, const json& doc, Lexicon& lexicon) {
    for (const auto& [name, entry] : r.object(r.member(doc, "genres", ""), "genres").items()) {
        const std::string path = "genres." + name;
        r.object(entry, path);
        Genre genre;
        genre.name = name;
        const json& range = r.member(entry, "bpm", path);
        if (!range.is_array() || range.size() != 2) r.fail(path + ".bpm", range.dump(), "[min, max] in BPM");
        genre.bpm_min = r.number(range[0], path + ".bpm[0]", 20.0, 400.0);
        genre.bpm_max = r.number(range[1], path + ".bpm[1]", genre.bpm_min, 400.0);
        genre.typical_bpm = r.number(r.member(entry, "typical_bpm", path), path + ".typical_bpm", genre.bpm_min, genre.bpm_max);
        if (entry.contains("style")) {
            genre.style = r.string(entry["style"], path + ".style");
            if (genre.style == name) r.fail(path + ".style", genre.style, "another style's name (leave it out for the genre's own)");
        }
        if (entry.contains("valence")) genre.valence = r.number(entry["valence"], path + ".valence", -1.0, 1.0);
        if (entry.contains("decades")) {
            if (!entry["decades"].is_boolean()) r.fail(path + ".decades", entry["decades"].dump(), "true or false");
            genre.has_decades = entry["decades"].get<bool>();
        }
        if (entry.contains("time_signature")) {
            const std::string text = r.string(entry["time_signature"], path + ".time_signature");
            genre.meter = Meter::parse(text);
            if (!genre.meter) r.fail(path + ".time_signature", text, "a time signature such as 3/4");
        }
        r.add_phrase(lexicon, name, meaning_of(PhraseKind::genre, name, 0.0), path);
        if (entry.contains("synonyms"))
            for (const auto& s : r.strings(entry["synonyms"], path + ".synonyms"))
                r.add_phrase(lexicon, s, meaning_of(PhraseKind::genre, name, 0.0), path + ".synonyms");
        lexicon.genres.push_back(std::move(genre));
    }
}

void read_moods(LexiconReader& r, const json& doc, Lexicon& lexicon) {
    for (const auto& [name, entry] : r.object(r.member(doc, "moods", ""), "moods").items()) {
        const std::string path = "moods." + name;
        r.object(entry, path);
        Mood mood;
        mood.name = name;
        mood.valence = r.number(r.member(entry, "valence", path), path + ".valence", -1.0, 1.0);
        mood.arousal = r.number(r.member(entry, "arousal", path), path + ".arousal", 0.0, 1.0);
        r.add_phrase(lexicon, name, meaning_of(PhraseKind::mood, name, 0.0), path);
        if (entry.contains("synonyms"))
            for (const auto& s : r.strings(entry["synonyms"], path + ".synonyms"))
                r.add_phrase(lexicon, s, meaning_of(PhraseKind::mood, name, 0.0), path + ".synonyms");
        lexicon.moods.push_back(std::move(mood));
    }
}

void read_instruments(LexiconReader& r, const json& doc, Lexicon& lexicon) {
    for (const auto& [group, synonyms] : r.object(r.member(doc, "instruments", ""), "instruments").items()) {
        const std::string path = "instruments." + group;
        const auto& groups = instrument_groups();
        if (std::find(groups.begin(), groups.end(), group) == groups.end())
            r.fail(path, group, "an instrument group: " + join_choices(groups));
        r.add_phrase(lexicon, group, meaning_of(PhraseKind::instrument, group, 0.0), path);
        for (const auto& s : r.strings(synonyms, path))
            r.add_phrase(lexicon, s, meaning_of(PhraseKind::instrument, group, 0.0), path);
    }
}

// "voices": {"cello": ["cellos", ...]}: each voice's name (with spaces) and synonyms name that voice.
void read_voices(LexiconReader& r, const json& doc, Lexicon& lexicon) {
    if (!doc.contains("voices")) return;
    for (const auto& [name, synonyms] : r.object(doc["voices"], "voices").items()) {
        const std::string path = "voices." + name;
        const Voice* voice = find_voice(name);
        if (voice == nullptr || voice->name != name) {
            std::vector<std::string> names;
            for (const Voice& v : voice_table()) names.emplace_back(v.name);
            r.fail(path, name, "a voice name of src/spec/voices.cpp: " + join_choices(names));
        }
        PhraseMeaning meaning = meaning_of(PhraseKind::instrument, std::string(voice->group), 0.0);
        meaning.voice = name;
        r.add_phrase(lexicon, name, meaning, path);
        for (const auto& s : r.strings(synonyms, path)) r.add_phrase(lexicon, s, meaning, path);
    }
}

// "ensembles": {"string quartet": ["violin", "violin", "viola", "cello"], "jazz trio": {"players":
// ["piano", "bass", "drums"], "genre": "jazz"}}: an ensemble's name and its two to five players
// (spec/voices.h kMostSoloists), each a single player's voice or a group's plain sound, and a genre
// of the lexicon the name also sets. Only players that are all single players make a chamber cue.
void read_ensembles(LexiconReader& r, const json& doc, Lexicon& lexicon) {
    if (!doc.contains("ensembles")) return;
    for (const auto& [name, entry] : r.object(doc["ensembles"], "ensembles").items()) {
        const std::string path = "ensembles." + name;
        PhraseMeaning meaning = meaning_of(PhraseKind::instrument, "", 0.0);
        const json& players = entry.is_object() ? r.member(entry, "players", path) : entry;
        const std::string players_path = entry.is_object() ? path + ".players" : path;
        meaning.players = r.strings(players, players_path);
        if (meaning.players.size() < 2 || meaning.players.size() > kMostSoloists)
            r.fail(players_path, players.dump(), "2 to " + std::to_string(kMostSoloists) + " players");
        const auto& groups = instrument_groups();
        for (std::size_t i = 0; i < meaning.players.size(); ++i) {
            const std::string& player = meaning.players[i];
            const Voice* voice = find_voice(player);
            const bool plain = std::find(groups.begin(), groups.end(), player) != groups.end();
            if (!plain && (voice == nullptr || voice->name != player || voice->polyphony == 0))
                r.fail(players_path + "[" + std::to_string(i) + "]", player,
                       "a group (piano, drums, ...) or a single player's voice name of src/spec/voices.cpp "
                       "(violin, trumpet, ...)");
            if (meaning.value.empty()) meaning.value = plain ? player : std::string(voice->group);
        }
        if (entry.is_object() && entry.contains("genre")) {
            meaning.genre = r.string(entry["genre"], path + ".genre");
            if (lexicon.genre(meaning.genre) == nullptr)
                r.fail(path + ".genre", meaning.genre, "a genre of this lexicon");
        }
        r.add_phrase(lexicon, name, meaning, path);
    }
}

// A section word's energy, or {"energy": E, "hit": KIND} to also mark a hit where it starts.
PhraseMeaning section_meaning(LexiconReader& r, const std::string& word, const json& entry) {
    const std::string path = "section_words." + word;
    PhraseMeaning meaning = meaning_of(PhraseKind::section, normalize_phrase(word), 0.0);
    if (!entry.is_object()) {
        meaning.number = r.number(entry, path, 0.0, 1.0);
        return meaning;
    }
    meaning.number = r.number(r.member(entry, "energy", path), path + ".energy", 0.0, 1.0);
    if (entry.contains("hit")) {
        meaning.hit = r.string(entry["hit"], path + ".hit");
        const auto& kinds = hit_kinds();
        if (std::find(kinds.begin(), kinds.end(), meaning.hit) == kinds.end()) r.fail(path + ".hit", meaning.hit, join_choices(kinds));
    }
    return meaning;
}

void read_word_tables(LexiconReader& r, const json& doc, Lexicon& lexicon) {
    for (const auto& [word, bpm] : r.object(r.member(doc, "tempo_words", ""), "tempo_words").items())
        r.add_phrase(lexicon, word, meaning_of(PhraseKind::tempo, "", r.number(bpm, "tempo_words." + word, 20.0, 400.0)),
                     "tempo_words." + word);
    for (const auto& [word, entry] : r.object(r.member(doc, "energy_words", ""), "energy_words").items()) {
        const std::string path = "energy_words." + word;
        r.object(entry, path);
        EnergyWord energy;
        energy.level = r.number(r.member(entry, "level", path), path + ".level", 0.0, 1.0);
        if (entry.contains("mood")) {
            energy.mood = r.string(entry["mood"], path + ".mood");
            if (!lexicon.mood(energy.mood)) r.fail(path + ".mood", energy.mood, "the name of an entry in moods");
        }
        r.add_phrase(lexicon, word, meaning_of(PhraseKind::energy, normalize_phrase(word), energy.level), path);
        lexicon.energy_words[normalize_phrase(word)] = energy;
    }
    for (const auto& word : r.strings(r.member(doc, "build_words", ""), "build_words"))
        r.add_phrase(lexicon, word, meaning_of(PhraseKind::build, "", 0.0), "build_words");
    for (const auto& word : r.strings(r.member(doc, "fade_out_words", ""), "fade_out_words"))
        r.add_phrase(lexicon, word, meaning_of(PhraseKind::fade_out, "", 0.0), "fade_out_words");
    for (const auto& word : r.strings(r.member(doc, "big_finish_words", ""), "big_finish_words"))
        r.add_phrase(lexicon, word, meaning_of(PhraseKind::big_finish, "", 0.0), "big_finish_words");
    for (const auto& [word, kind] : r.object(r.member(doc, "hit_words", ""), "hit_words").items()) {
        const std::string text = r.string(kind, "hit_words." + word);
        const auto& kinds = hit_kinds();
        if (std::find(kinds.begin(), kinds.end(), text) == kinds.end()) r.fail("hit_words." + word, text, join_choices(kinds));
        r.add_phrase(lexicon, word, meaning_of(PhraseKind::hit, text, 0.0), "hit_words." + word);
    }
    for (const auto& [word, entry] : r.object(r.member(doc, "section_words", ""), "section_words").items())
        r.add_phrase(lexicon, word, section_meaning(r, word, entry), "section_words." + word);
    for (const auto& word : r.strings(r.member(doc, "filler", ""), "filler"))
        r.add_phrase(lexicon, word, meaning_of(PhraseKind::filler, "", 0.0), "filler");
}

}  // namespace

const Genre* Lexicon::genre(std::string_view name) const {
    for (const auto& g : genres)
        if (g.name == name) return &g;
    return nullptr;
}

const Mood* Lexicon::mood(std::string_view name) const {
    for (const auto& m : moods)
        if (m.name == name) return &m;
    return nullptr;
}

const PhraseMeaning* Lexicon::find(std::string_view phrase) const {
    const auto it = phrases.find(std::string(phrase));
    return it == phrases.end() ? nullptr : &it->second;
}

std::string normalize_phrase(std::string_view phrase) {
    std::string out;
    bool pending_space = false;
    for (char c : phrase) {
        if (std::isspace(static_cast<unsigned char>(c)) || c == '-' || c == '_') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

Lexicon parse_lexicon(const nlohmann::json& document, const std::string& source) {
    LexiconReader reader(source);
    reader.object(document, "(document)");
    Lexicon lexicon;
    read_defaults(reader, document, lexicon);
    read_genres(reader, document, lexicon);
    read_moods(reader, document, lexicon);
    read_instruments(reader, document, lexicon);
    read_voices(reader, document, lexicon);
    read_ensembles(reader, document, lexicon);
    read_word_tables(reader, document, lexicon);
    return lexicon;
}

namespace {

// One lower-case word a line; '#' starts a comment line.
std::set<std::string, std::less<>> read_real_words(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path.string(), "(missing)", "the word list shipped in data/ (tools/derive_real_words)");
    std::set<std::string, std::less<>> words;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line.front() != '#') words.insert(line);
    return words;
}

std::filesystem::path lexicon_path(const std::filesystem::path& data_dir) { return data_dir / "lexicon.json"; }
std::filesystem::path real_words_path(const std::filesystem::path& data_dir) { return data_dir / "real_words_near_lexicon.txt"; }

}  // namespace

std::vector<std::filesystem::path> lexicon_files(const std::filesystem::path& data_dir) {
    std::vector<std::filesystem::path> files{lexicon_path(data_dir), real_words_path(data_dir)};
    for (auto& f : artist_policy_files(data_dir)) files.push_back(std::move(f));
    return files;
}

Lexicon load_lexicon(const std::filesystem::path& data_dir) {
    const std::filesystem::path path = lexicon_path(data_dir);
    Lexicon lexicon = parse_lexicon(read_json_file(path), path.string());
    lexicon.real_words = read_real_words(real_words_path(data_dir));
    lexicon.artists = std::make_shared<const ArtistPolicy>(load_artist_policy(data_dir));
    return lexicon;
}

}  // namespace tunesmith
