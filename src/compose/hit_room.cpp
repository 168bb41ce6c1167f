// Breaths before hit points: drum notes dropped, pitched notes stopped and struck again on the hit.
#include "compose/hit_room.h"

#include <algorithm>

namespace tunesmith {

void clear_drums_before_hits(std::vector<Note>& notes, std::span<const Ticks> hits, Ticks gap) {
    std::erase_if(notes, [&](const Note& n) {
        return std::any_of(hits.begin(), hits.end(), [&](Ticks hit) { return n.start < hit && n.start >= hit - gap; });
    });
}

void breathe_before_hits(std::vector<Note>& notes, std::span<const Ticks> hits, Ticks gap) {
    const auto starts_at = [&](Ticks tick, int pitch) {
        return std::any_of(notes.begin(), notes.end(), [&](const Note& n) { return n.start == tick && n.pitch == pitch; });
    };
    std::vector<Ticks> sorted(hits.begin(), hits.end());
    std::sort(sorted.begin(), sorted.end());
    std::vector<Note> out;
    for (const Note& note : notes) {
        // The note's pieces left after the breaths of the hits it overlaps, in time order.
        std::vector<Note> pieces{note};
        for (Ticks hit : sorted) {
            Note& last = pieces.back();
            const Ticks breath = hit - gap;
            if (last.start >= hit || last.end() <= breath) continue;
            const Ticks end = last.end();
            if (breath - last.start >= gap / 2) last.duration = breath - last.start;
            else pieces.pop_back();
            if (end > hit && !starts_at(hit, note.pitch)) pieces.push_back(Note{hit, end - hit, note.pitch, note.velocity});
            if (pieces.empty()) break;
        }
        out.insert(out.end(), pieces.begin(), pieces.end());
    }
    notes = std::move(out);
}

}  // namespace tunesmith
