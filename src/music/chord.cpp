// Chord interval tables, naming and parsing of chord symbols.
#include "music/chord.h"

#include <algorithm>
#include <array>

#include "music/pitch.h"

namespace tunesmith {
namespace {

struct QualityInfo {
    ChordQuality quality;
    std::string_view suffix;  // as written after the root
    std::string_view label;   // MIREX-style label
    std::vector<int> intervals;
};

const std::vector<QualityInfo>& quality_table() {
    static const std::vector<QualityInfo> table = {
        {ChordQuality::major, "", "maj", {0, 4, 7}},
        {ChordQuality::minor, "m", "min", {0, 3, 7}},
        {ChordQuality::diminished, "dim", "dim", {0, 3, 6}},
        {ChordQuality::augmented, "aug", "aug", {0, 4, 8}},
        {ChordQuality::sus2, "sus2", "sus2", {0, 2, 7}},
        {ChordQuality::sus4, "sus4", "sus4", {0, 5, 7}},
        {ChordQuality::major7, "maj7", "maj7", {0, 4, 7, 11}},
        {ChordQuality::minor7, "m7", "min7", {0, 3, 7, 10}},
        {ChordQuality::dominant7, "7", "7", {0, 4, 7, 10}},
        {ChordQuality::half_diminished7, "m7b5", "hdim7", {0, 3, 6, 10}},
        {ChordQuality::diminished7, "dim7", "dim7", {0, 3, 6, 9}},
        {ChordQuality::add9, "add9", "maj(9)", {0, 4, 7, 14}},
        {ChordQuality::minor_add9, "madd9", "min(9)", {0, 3, 7, 14}},
        {ChordQuality::major6, "6", "maj6", {0, 4, 7, 9}},
        {ChordQuality::minor6, "m6", "min6", {0, 3, 7, 9}},
    };
    return table;
}

const QualityInfo& info(ChordQuality q) {
    for (const auto& entry : quality_table())
        if (entry.quality == q) return entry;
    return quality_table().front();
}

}  // namespace

const std::vector<int>& Chord::intervals() const { return info(quality).intervals; }

std::vector<int> Chord::pitch_classes() const {
    std::vector<int> out;
    for (int iv : intervals()) out.push_back(pitch_class(root + iv));
    if (bass >= 0 && std::find(out.begin(), out.end(), bass) == out.end()) out.push_back(bass);
    return out;
}

bool Chord::contains(int pc) const {
    const auto pcs = pitch_classes();
    return std::find(pcs.begin(), pcs.end(), pitch_class(pc)) != pcs.end();
}

std::string Chord::name(bool prefer_flats) const {
    std::string out = NoteName::from_pitch_class(root, prefer_flats).to_string();
    out += info(quality).suffix;
    if (bass >= 0 && bass != root) out += "/" + NoteName::from_pitch_class(bass, prefer_flats).to_string();
    return out;
}

std::string Chord::name(const Key& key) const {
    std::string out = key.spell(root).to_string();
    out += info(quality).suffix;
    if (bass >= 0 && bass != root) out += "/" + key.spell(bass).to_string();
    return out;
}

std::string_view Chord::quality_label() const { return info(quality).label; }

std::optional<Chord> Chord::parse(std::string_view symbol) {
    if (symbol.empty() || symbol == "N" || symbol == "N.C." || symbol == "NC") return std::nullopt;
    // Root: letter plus up to two of one accidental ("Bbb" and "F##" spell roots in keys with many).
    std::size_t root_len = 1;
    if (symbol.size() > 1 && (symbol[1] == '#' || symbol[1] == 'b')) {
        root_len = 2;
        if (symbol.size() > 2 && symbol[2] == symbol[1]) root_len = 3;
    }
    auto root = NoteName::parse(symbol.substr(0, root_len));
    if (!root) return std::nullopt;
    std::string_view rest = symbol.substr(root_len);
    std::optional<int> bass;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        auto b = NoteName::parse(rest.substr(slash + 1));
        if (!b) return std::nullopt;
        bass = b->pitch_class();
        rest = rest.substr(0, slash);
    }
    if (!rest.empty() && rest.front() == ':') {  // MIREX label form "A:min"
        rest.remove_prefix(1);
        for (const auto& entry : quality_table())
            if (entry.label == rest) return Chord{root->pitch_class(), entry.quality, bass.value_or(-1)};
        return std::nullopt;
    }
    // Common aliases first, then the table's suffixes.
    static const std::array<std::pair<std::string_view, ChordQuality>, 10> aliases = {{
        {"min", ChordQuality::minor}, {"-", ChordQuality::minor}, {"maj", ChordQuality::major},
        {"M7", ChordQuality::major7}, {"min7", ChordQuality::minor7}, {"o", ChordQuality::diminished},
        {"+", ChordQuality::augmented}, {"o7", ChordQuality::diminished7}, {"sus", ChordQuality::sus4},
        {"ø", ChordQuality::half_diminished7}}};
    for (const auto& [alias, q] : aliases)
        if (rest == alias) return Chord{root->pitch_class(), q, bass.value_or(-1)};
    for (const auto& entry : quality_table())
        if (rest == entry.suffix) return Chord{root->pitch_class(), entry.quality, bass.value_or(-1)};
    return std::nullopt;
}

bool chord_is_majorish(const Chord& chord) {
    const auto& iv = chord.intervals();
    return std::find(iv.begin(), iv.end(), 4) != iv.end();
}

}  // namespace tunesmith
