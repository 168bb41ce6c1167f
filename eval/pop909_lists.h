// Which POP909 songs eval_accompany sings: a fixed walk over the sorted song folders, every 37th
// folder, continued around the list when it passes the end. Each list is the next 12 songs of the
// walk whose excerpt is usable, so a new list never depends on what was measured on the earlier ones.
// The third held-out list walks the same way from folder 18, halfway between two of the first walk's
// folders: that walk's first 289 folders are the first walk's 369th on, far past any list run so far.
// Header-only; eval code only.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tunesmith::pop909_lists {

// The walk's first 25 folders (0, 37, ..., 888) are the ones the corpus tables of data/ (onset
// profile, harmonic rhythm) were derived without; past them the walk reaches songs those tables
// counted (one song of ~880 each), though no tracker choice has been tuned on them.
constexpr std::size_t kStride = 37;
constexpr int kListSongs = 12;

// List 0 (main): tuned on since session 4; 1 (held-out): first run in session 12, tuned on since;
// 2 (second held-out): first run in session 13, the check run before and after that session's
// changes only. Lists 3 and on: further songs of the walk, for looking at failures (--list N).
// kHoldout3 (third held-out, the first list of the walk from folder 18): first run in session 14
// before any change, then only at the end of that session.
constexpr int kMain = 0, kHoldout = 1, kHoldout2 = 2;

// One list: the walk it comes from (its first folder) and its place in that walk.
struct List {
    std::size_t start = 0;
    int index = 0;
};
constexpr std::size_t kHoldout3Start = 18;
constexpr List kHoldout3{kHoldout3Start, 0};

// POP909 songs in 3/4 (3-beat bars in beat_midi.txt's strong beats; beat_audio.txt's 3/4 songs) left
// out of the 3/4 bar profile (every 4th such song in folder order, tools/derive_melody_meter/
// derive_bar_profile.py --beats-per-bar 3), sung by --three-four; none is on the walks above.
constexpr const char* kThreeFour[] = {"034", "173", "231", "369", "662", "799"};

// Usable songs of the walk that come before list `index`.
constexpr int songs_before(int index) { return index * kListSongs; }

inline std::string title(const List& list) {
    const int index = list.index;
    if (list.start == kHoldout3Start && index == 0)
        return "POP909 third held-out melodies sung (the first 12 of the every-37th walk from folder 18)";
    return index == kMain       ? "POP909 melodies sung (drift +-6% sine + walk, human chords as reference)"
           : index == kHoldout  ? "POP909 held-out melodies sung (the next 12 every-37th songs)"
           : index == kHoldout2 ? "POP909 second held-out melodies sung (the next 12 of the every-37th walk, around the list)"
                                : "POP909 list " + std::to_string(index) + " (the walk's songs " +
                                      std::to_string(songs_before(index) + 1) + "-" +
                                      std::to_string(songs_before(index) + kListSongs) + ")";
}

// Folder indices in walk order: start + k * kStride modulo `folders`, from k = 0 until the walk comes
// back to `start` (every folder once when the stride and the count share no factor; 909 = 9 x 101).
inline std::vector<std::size_t> walk(std::size_t folders, std::size_t start = 0) {
    std::vector<std::size_t> order;
    if (folders == 0) return order;
    start %= folders;
    std::size_t i = start;
    do {
        order.push_back(i);
        i = (i + kStride) % folders;
    } while (i != start);
    return order;
}

}  // namespace tunesmith::pop909_lists
