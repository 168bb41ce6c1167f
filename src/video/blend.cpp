// The blend model behind fade/dissolve verification: each frame between two end pictures A and B
// is fitted as a*A + b*B (pictures less video black, so a fade through black fits too). The fit's
// distance from (1,0) and (0,1) gives the extent; its residual tells whether the frames are a mix at
// all (chaotic content and noise are not). When the still end pictures leave too much unexplained,
// they are moved with their shot's own motion (a pan, scrolling, a rotation, a zoom; rigid_motion.h),
// so a transition out of or into a moving shot is a mix of the moving pictures.
#include "video/blend.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <utility>

#include "video/rigid_motion.h"

namespace tunesmith {
namespace {

using Vector = ThumbnailVector;

// A picture less its own mean luma (chroma stays measured from neutral). Least squares with a free
// uniform luma term besides A and B is the fit of these mean-removed pictures, so a dip through
// any grey level fits: video black (Y 16), full-range black (Y 0, FFmpeg's fadeblack) or white
// (fadewhite). A near-uniform picture (black, white) has almost no energy left.
Vector without_mean_luma(Vector v) {
    double mean = 0.0;
    for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) mean += static_cast<double>(v[i]);
    const auto m = static_cast<float>(mean / static_cast<double>(Thumbnails::kPlane));
    for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) v[i] -= m;
    return v;
}

// Each frame's vectors are made once per fit: the fit refits the same frames as its extent grows.
// `plain` measures from video black; `levelled` is without_mean_luma, used for dips (below).
class PictureCache {
public:
    explicit PictureCache(const Thumbnails& thumbnails) : thumbnails_(thumbnails) {}
    const Vector& plain(std::int64_t frame) { return entry(frame).plain; }
    const Vector& levelled(std::int64_t frame) { return entry(frame).levelled; }
    // The energy of the levelled picture: near 0 for a uniform picture.
    double structure(std::int64_t frame) { return entry(frame).structure; }

private:
    struct Entry {
        Vector plain, levelled;
        double structure = 0.0;
    };
    const Entry& entry(std::int64_t frame) {
        auto it = entries_.find(frame);
        if (it == entries_.end()) {
            Entry e;
            e.plain = thumbnail_vector(thumbnails_, frame);
            e.levelled = without_mean_luma(e.plain);
            for (const float x : e.levelled) e.structure += static_cast<double>(x) * static_cast<double>(x);
            it = entries_.emplace(frame, std::move(e)).first;
        }
        return it->second;
    }
    const Thumbnails& thumbnails_;
    std::map<std::int64_t, Entry> entries_;
};

// A shot's motion (zooms included: a dissolve out of a zoom is common), measured once per pair of
// frames in a fit.
constexpr std::int64_t kMotionSpan = 6;  // frames between the two pictures a motion is measured on
// A picture is uniform (the black or white of a dip) when its structure is below this fraction of
// the other end picture's (about 14% of its contrast; the bound "near black" had before).
constexpr double kUniform = 0.02;
class MotionCache {
public:
    explicit MotionCache(const Thumbnails& thumbnails) : thumbnails_(thumbnails) {}
    RigidMotion get(std::int64_t from, std::int64_t to) {
        auto it = motions_.find({from, to});
        if (it == motions_.end()) it = motions_.emplace(std::pair{from, to}, rigid_motion(thumbnails_, from, to, 0.5, true, true)).first;
        return it->second;
    }

private:
    const Thumbnails& thumbnails_;
    std::map<std::pair<std::int64_t, std::int64_t>, RigidMotion> motions_;
};

double dot(const Vector& x, const Vector& y) {
    double sum = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) sum += static_cast<double>(x[i]) * static_cast<double>(y[i]);
    return sum;
}

// One frame's fit f ~ a*A + b*B: its distances from either end picture (in coefficient space,
// so noise, which the fit cannot express, does not move them) and the unexplained part.
struct FrameFit {
    double a = 0.0, b = 0.0;
    double from_a = 0.0;  // (1-a)^2 + b^2
    double from_b = 0.0;  // a^2 + (1-b)^2
    double residual = 0.0;  // |f - aA - bB|^2 / |A - B|^2
};

class EndPictures {
public:
    EndPictures(const Vector& a, const Vector& b) : a_(a), b_(b) {
        aa_ = dot(a_, a_);
        bb_ = dot(b_, b_);
        ab_ = dot(a_, b_);
        difference_ = aa_ + bb_ - 2.0 * ab_;
        ridge_ = 1e-4 * (aa_ + bb_) + 1e-9;
    }

    bool distinct() const { return difference_ > 1e-3 * static_cast<double>(Thumbnails::kSize); }

    FrameFit fit(const Vector& f) const {
        return solve(aa_, bb_, ab_, dot(f, a_), dot(f, b_), dot(f, f), difference_, ridge_);
    }

    // The least-squares weights from the dot products of the frame f and the end pictures a, b.
    static FrameFit solve(double aa, double bb, double ab, double fa, double fb, double ff, double difference,
                          double ridge) {
        const double g11 = aa + ridge, g22 = bb + ridge;
        const double det = g11 * g22 - ab * ab;
        const double a = (fa * g22 - fb * ab) / det;
        const double b = (fb * g11 - fa * ab) / det;
        const double explained = 2.0 * (a * fa + b * fb) - (a * a * aa + 2.0 * a * b * ab + b * b * bb);
        FrameFit out;
        out.a = a;
        out.b = b;
        out.from_a = (1.0 - a) * (1.0 - a) + b * b;
        out.from_b = a * a + (1.0 - b) * (1.0 - b);
        out.residual = std::max(0.0, ff - explained) / difference;
        return out;
    }

private:
    Vector a_, b_;
    double aa_ = 0.0, bb_ = 0.0, ab_ = 0.0, difference_ = 0.0, ridge_ = 0.0;
};

// The fit of frame f when the end pictures move with their shots (a pan, a rotation): A moved by its
// shot's motion over the `frames_from_a` frames from A to f, B likewise (back from B); only the pixels
// that both moved pictures still cover count. Without motion this is EndPictures::fit.
FrameFit moving_fit(const Vector& a, const RigidMotion& move_a, double frames_from_a, const Vector& b,
                    const RigidMotion& move_b, double frames_from_b, const Vector& f) {
    const MovedPicture ma = moved(a, move_a, frames_from_a);
    const MovedPicture mb = moved(b, move_b, frames_from_b);
    double aa = 0.0, bb = 0.0, ab = 0.0, fa = 0.0, fb = 0.0, ff = 0.0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) {
        if (!ma.valid[i] || !mb.valid[i]) continue;
        ++count;
        for (std::size_t p = 0; p < 3; ++p) {
            const std::size_t k = p * Thumbnails::kPlane + i;
            const double x = ma.values[k], y = mb.values[k], z = f[k];
            aa += x * x, bb += y * y, ab += x * y, fa += z * x, fb += z * y, ff += z * z;
        }
    }
    const double difference = aa + bb - 2.0 * ab;
    // Too little of the picture left in view, or moved end pictures that coincide (one continuous
    // pan): nothing is explained. An eighth of the picture is enough for two weights; a zoom out keeps
    // less of its end picture in view the further the frame (5% a frame: a quarter after 14 frames).
    if (8 * count < Thumbnails::kPlane || difference <= 1e-3 * static_cast<double>(3 * count))
        return FrameFit{0.5, 0.5, 0.5, 0.5, 1e3};
    return EndPictures::solve(aa, bb, ab, fa, fb, ff, difference, 1e-4 * (aa + bb) + 1e-9);
}

// Resampling a moved picture softens it, so a frame of the shot itself fits its moved end picture
// with a weight a little above 1. The weights are divided by that gain, measured on the shot's own
// frames beyond the end picture, so that "1" means "the shot" again.
FrameFit divided_by_gains(FrameFit f, double gain_a, double gain_b) {
    f.a /= gain_a;
    f.b /= gain_b;
    f.from_a = (1.0 - f.a) * (1.0 - f.a) + f.b * f.b;
    f.from_b = f.a * f.a + (1.0 - f.b) * (1.0 - f.b);
    return f;
}

double median3(double x, double y, double z) { return std::max(std::min(x, y), std::min(std::max(x, y), z)); }

struct Extent {
    double left = 0.0, right = 0.0;  // sub-frame crossings of the level
    std::int64_t first = 0, last = -1;
};

// The first frame whose distance from A exceeds the level and the last whose distance from B does;
// the crossings are interpolated from the neighbouring frame (the end pictures count as 0).
Extent extent_of(std::vector<FrameFit> fits, std::int64_t a_frame, double level) {
    // A one-frame flash at the transition's edge must not stretch it: median of 3 (the end
    // pictures, at distance 0, pad the edges).
    const std::vector<FrameFit> raw = fits;
    for (std::size_t i = 0; i < fits.size(); ++i) {
        const FrameFit& before = i > 0 ? raw[i - 1] : FrameFit{1.0, 0.0, 0.0, 2.0, 0.0};
        const FrameFit& after = i + 1 < raw.size() ? raw[i + 1] : FrameFit{0.0, 1.0, 2.0, 0.0, 0.0};
        fits[i].from_a = median3(before.from_a, raw[i].from_a, after.from_a);
        fits[i].from_b = median3(before.from_b, raw[i].from_b, after.from_b);
    }
    Extent e;
    const auto n = static_cast<std::int64_t>(fits.size());  // fits[i] is frame a_frame + 1 + i
    std::int64_t i = 0;
    while (i < n && fits[static_cast<std::size_t>(i)].from_a <= level) ++i;
    const double before = i == 0 ? 0.0 : fits[static_cast<std::size_t>(i - 1)].from_a;
    const double at = i < n ? fits[static_cast<std::size_t>(i)].from_a : level;
    e.first = a_frame + 1 + i;
    e.left = static_cast<double>(e.first - 1) + (level - before) / std::max(1e-12, at - before);
    std::int64_t j = n - 1;
    while (j >= 0 && fits[static_cast<std::size_t>(j)].from_b <= level) --j;
    const double after = j == n - 1 ? 0.0 : fits[static_cast<std::size_t>(j + 1)].from_b;
    const double here = j >= 0 ? fits[static_cast<std::size_t>(j)].from_b : level;
    e.last = a_frame + 1 + j;
    e.right = static_cast<double>(e.last) + (here - level) / std::max(1e-12, here - after);
    return e;
}

// Progress from A to B should not go backwards by much: count the steps that do.
int backward_steps(const std::vector<FrameFit>& fits, std::size_t from, std::size_t to) {
    int count = 0;
    double previous = -1.0;
    for (std::size_t i = from; i <= to && i < fits.size(); ++i) {
        const double progress = fits[i].from_a / std::max(1e-12, fits[i].from_a + fits[i].from_b);
        if (previous >= 0.0 && progress < previous - 0.15) ++count;
        previous = progress;
    }
    return count;
}

// The largest one-frame change of either weight from A's picture, through the extent, to B's: a
// mix changes gradually, a hard cut followed by change within the new shot jumps at the cut. The
// weights are median-filtered over 3 frames first, so a one-frame flash does not count.
double largest_step(const std::vector<FrameFit>& fits, std::size_t from, std::size_t to) {
    std::vector<double> a{1.0, 1.0}, b{0.0, 0.0};  // the end picture A (twice: the filter's edge)
    const std::size_t begin = from > 0 ? from - 1 : 0;
    const std::size_t end = std::min(fits.size(), to + 2);
    for (std::size_t i = begin; i < end; ++i) {
        a.push_back(fits[i].a);
        b.push_back(fits[i].b);
    }
    if (end == fits.size()) {
        a.insert(a.end(), {0.0, 0.0});
        b.insert(b.end(), {1.0, 1.0});
    }
    double largest = 0.0;
    for (std::size_t i = 2; i + 1 < a.size(); ++i) {
        const double step_a = median3(a[i - 1], a[i], a[i + 1]) - median3(a[i - 2], a[i - 1], a[i]);
        const double step_b = median3(b[i - 1], b[i], b[i + 1]) - median3(b[i - 2], b[i - 1], b[i]);
        largest = std::max({largest, std::fabs(step_a), std::fabs(step_b)});
    }
    return largest;
}

double mean_residual(const std::vector<FrameFit>& fits, const Extent& extent, std::int64_t a_frame) {
    const auto from = static_cast<std::size_t>(extent.first - a_frame - 1);
    const auto to = static_cast<std::size_t>(extent.last - a_frame - 1);
    double sum = 0.0;
    for (std::size_t i = from; i <= to; ++i) sum += fits[i].residual;
    return sum / static_cast<double>(to - from + 1);
}

// A mix moves the mean luma in a straight line from one shot's level to the other's. Where the fit
// settles on part of a long mix (a shaking shot makes the weights of its quiet end noisy), the luma
// shows the rest: each end of the extent reaches out while the frame beyond it still differs from the
// frame kLumaStep further out, along the line, by half the line's change over those frames, every
// frame of the way, and it ends at a settled shot. Only a line that moves the luma by kLumaRamp over
// the extent is followed. The centre is the new middle.
void extend_along_luma(const Thumbnails& t, BlendTransition& r, std::int64_t low, std::int64_t high,
                       std::int64_t max_length) {
    constexpr std::int64_t kLumaStep = 3;
    constexpr double kLumaRamp = 0.03;
    const auto luma = [&](std::int64_t f) {
        const std::uint8_t* p = t.at(static_cast<std::size_t>(f));
        double sum = 0.0;
        for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) sum += p[i];
        return sum / (255.0 * static_cast<double>(Thumbnails::kPlane));
    };
    const double change = luma(r.last_frame) - luma(r.first_frame);
    if (r.last_frame <= r.first_frame || std::fabs(change) < kLumaRamp) return;
    const double along = 0.5 * static_cast<double>(kLumaStep) * change / static_cast<double>(r.last_frame - r.first_frame);
    // On the line: every frame of the way along it (no step back), and far enough along it.
    const auto on_line = [&](std::int64_t outer, std::int64_t inner) {
        const double sign = along > 0.0 ? 1.0 : -1.0;
        const std::int64_t step = inner > outer ? 1 : -1;
        for (std::int64_t f = outer; f != inner; f += step)
            if (sign * (luma(f + step) - luma(f)) * static_cast<double>(step) < 0.0) return false;
        return (luma(inner) - luma(outer)) * static_cast<double>(step) / along >= 1.0;
    };
    // Settled: the kLumaStep + 1 frames beyond an end stay within a tenth of the line's change (a shot
    // whose own light drifts the same way would take the extent along with it).
    const auto settled = [&](std::int64_t from, std::int64_t to) {
        if (from < low || to > high) return false;
        double lowest = 1.0, highest = 0.0;
        for (std::int64_t f = from; f <= to; ++f) lowest = std::min(lowest, luma(f)), highest = std::max(highest, luma(f));
        return highest - lowest <= 0.1 * std::fabs(change);
    };
    std::int64_t first = r.first_frame, last = r.last_frame;
    while (first - 1 - kLumaStep >= low && last - first + 1 < max_length && on_line(first - 1 - kLumaStep, first - 1))
        --first;
    if (!settled(first - 2 - kLumaStep, first - 2)) first = r.first_frame;
    while (last + 1 + kLumaStep <= high && last - first + 1 < max_length && on_line(last + 1 + kLumaStep, last + 1))
        ++last;
    if (!settled(last + 2, last + 2 + kLumaStep)) last = r.last_frame;
    if (first == r.first_frame && last == r.last_frame) return;
    r.first_frame = first;
    r.last_frame = last;
    r.centre = (first + last + 1) / 2;
}

}  // namespace

void Thumbnails::add(const AnalysisFrame& frame) {
    const std::uint8_t* planes[3] = {frame.y, frame.u, frame.v};
    const std::size_t start = pixels_.size();
    pixels_.resize(start + kSize);
    for (std::size_t plane = 0; plane < 3; ++plane)
        for (int oy = 0; oy < kHeight; ++oy)
            for (int ox = 0; ox < kWidth; ++ox) {
                // Box average of the source pixels this thumbnail pixel covers (at least one).
                const int x0 = ox * frame.width / kWidth, x1 = std::max(x0 + 1, (ox + 1) * frame.width / kWidth);
                const int y0 = oy * frame.height / kHeight, y1 = std::max(y0 + 1, (oy + 1) * frame.height / kHeight);
                unsigned sum = 0;
                for (int y = y0; y < y1; ++y)
                    for (int x = x0; x < x1; ++x) sum += planes[plane][y * frame.width + x];
                const auto count = static_cast<unsigned>((x1 - x0) * (y1 - y0));
                pixels_[start + plane * kPlane + static_cast<std::size_t>(oy * kWidth + ox)] =
                    static_cast<std::uint8_t>((sum + count / 2) / count);
            }
}

void Thumbnails::add_pixels(const std::vector<std::uint8_t>& yuv) {
    if (yuv.size() != kSize) throw std::logic_error("a thumbnail has 3 planes of 32x18 bytes");
    pixels_.insert(pixels_.end(), yuv.begin(), yuv.end());
}

BlendTransition fit_blend(const Thumbnails& thumbnails, std::int64_t first, std::int64_t last, std::int64_t low,
                          std::int64_t high, std::int64_t max_length, const BlendOptions& options) {
    BlendTransition result;
    low = std::max<std::int64_t>(0, low);
    high = std::min(high, static_cast<std::int64_t>(thumbnails.size()) - 1);
    std::int64_t a_frame = 0, b_frame = 0;
    std::vector<FrameFit> fits;
    Extent extent;
    PictureCache pictures(thumbnails);
    MotionCache motions(thumbnails);
    std::vector<std::pair<std::int64_t, std::int64_t>> visited;  // extents already tried
    bool dip = false;  // the frames pass through a uniform picture (fitted levelled)
    for (int round = 0; round < 40; ++round) {  // the extent grows by at most `margin` a round
        a_frame = std::max(low, first - options.margin);
        b_frame = std::min(high, last + options.margin);
        if (b_frame - a_frame < 2) return result;
        // A dip (a fade out to a uniform picture and in from it: black or white of any level) passes
        // through a picture with almost no structure. Its end pictures must lie beyond that picture,
        // and its frames are fitted with the free uniform luma term (levelled pictures). Other
        // transitions keep the plain pictures: their mean luma is part of what tells A from B.
        const double structure_a = pictures.structure(a_frame), structure_b = pictures.structure(b_frame);
        const bool extend_a = structure_a < kUniform * structure_b && a_frame > low;
        const bool extend_b = structure_b < kUniform * structure_a && b_frame < high;
        if (extend_a || extend_b) {
            first = extend_a ? a_frame : first;
            last = extend_b ? b_frame : last;
            continue;
        }
        dip = false;
        for (std::int64_t f = a_frame + 1; f < b_frame && !dip; ++f)
            dip = pictures.structure(f) < kUniform * std::min(structure_a, structure_b);
        const auto picture = [&](std::int64_t f) -> const Vector& { return dip ? pictures.levelled(f) : pictures.plain(f); };
        const EndPictures ends(picture(a_frame), picture(b_frame));
        if (!ends.distinct()) return result;
        // Each end picture moves with its shot's own rigid motion (zero unless the shot pans, scrolls or
        // turns), measured on the frames beyond it: a fade out of a pan is a mix of the moving pictures.
        RigidMotion move_a, move_b;  // measured below, only when the still pictures do not explain the frames
        const auto still_fit = [&](std::int64_t f) { return ends.fit(picture(f)); };
        const auto moving_fit_at = [&](std::int64_t f) {
            return moving_fit(picture(a_frame), move_a, static_cast<double>(f - a_frame), picture(b_frame), move_b,
                              static_cast<double>(f - b_frame), picture(f));
        };
        fits.clear();
        for (std::int64_t f = a_frame + 1; f < b_frame; ++f) fits.push_back(still_fit(f));
        extent = extent_of(fits, a_frame, options.extent_level);
        // The moving end pictures are used when they explain the frames better: a motion measured over
        // a few frames need not hold through the transition (a shaking camera).
        bool use_motion = false;
        double gain_a = 1.0, gain_b = 1.0;
        // Only tried when the still pictures leave more unexplained than a mix allows.
        const bool still_explains =
            extent.last >= extent.first && mean_residual(fits, extent, a_frame) <= options.max_residual;
        if (!still_explains) {
            if (a_frame - low >= 2) move_a = motions.get(std::max(low, a_frame - kMotionSpan), a_frame);
            if (high - b_frame >= 2) move_b = motions.get(std::min(high, b_frame + kMotionSpan), b_frame);
        }
        if (!still_explains && (move_a.moving() || move_b.moving())) {
            // The gains from the frames just beyond the end pictures (the shots themselves). Only a gain
            // above 1 is softening; below 1 the motion predicts the shot poorly, and the mix must show it.
            if (a_frame - 1 >= low) gain_a = std::clamp(moving_fit_at(a_frame - 1).a, 1.0, 1.25);
            if (b_frame + 1 <= high) gain_b = std::clamp(moving_fit_at(b_frame + 1).b, 1.0, 1.25);
            std::vector<FrameFit> moved_fits;
            for (std::int64_t f = a_frame + 1; f < b_frame; ++f)
                moved_fits.push_back(divided_by_gains(moving_fit_at(f), gain_a, gain_b));
            const Extent moved_extent = extent_of(moved_fits, a_frame, options.extent_level);
            if (moved_extent.last >= moved_extent.first &&
                (extent.last < extent.first ||
                 mean_residual(moved_fits, moved_extent, a_frame) < mean_residual(fits, extent, a_frame))) {
                use_motion = true;
                fits = std::move(moved_fits);
                extent = moved_extent;
            }
        }
        const auto fit_at = [&](std::int64_t f) {
            return use_motion ? divided_by_gains(moving_fit_at(f), gain_a, gain_b) : still_fit(f);
        };
        if (extent.last < extent.first) return result;  // a step from A to B: a hard cut
        if (extent.last - extent.first + 1 > max_length) return result;
        // Far more unexplained than a mix allows: the content is not a mix (rotation, noise), and it
        // would only grow to max_length. Stopping here saves most of the time on busy video.
        if (mean_residual(fits, extent, a_frame) > 3.0 * options.max_residual) return result;
        // An end picture still on its way (the frame `margin` beyond it is more of itself: a slow fade-in
        // or fade-out) is inside the transition.
        const std::int64_t before_a = std::max(low, a_frame - options.margin);
        const std::int64_t after_b = std::min(high, b_frame + options.margin);
        const bool a_moving = before_a < a_frame && fit_at(before_a).a > 1.0 + options.settled;
        const bool b_moving = after_b > b_frame && fit_at(after_b).b > 1.0 + options.settled;
        const std::int64_t new_first = a_moving ? a_frame : extent.first;
        const std::int64_t new_last = b_moving ? b_frame : extent.last;
        if (new_first == first && new_last == last) break;
        // The choice between still and moving end pictures can make extents alternate: stop at a repeat.
        if (std::find(visited.begin(), visited.end(), std::pair{new_first, new_last}) != visited.end()) break;
        visited.emplace_back(new_first, new_last);
        first = new_first;
        last = new_last;
    }
    const auto from = static_cast<std::size_t>(extent.first - a_frame - 1);
    const auto to = static_cast<std::size_t>(extent.last - a_frame - 1);
    result.inside = static_cast<int>(to - from + 1);
    result.residual = mean_residual(fits, extent, a_frame);
    result.first_frame = extent.first;
    result.last_frame = extent.last;
    result.centre = std::clamp<std::int64_t>(std::lround(0.5 * (extent.left + extent.right)), extent.first, extent.last);
    // Each side needs a settled picture: frames of its own shot before A and after B. A change
    // that starts right at a cut (a zoom, a colour cycle) is the shot's own motion, not a mix.
    const bool settled_sides = extent.first - 2 * options.margin >= low && extent.last + 2 * options.margin <= high;
    result.blend = settled_sides && result.inside >= options.min_frames && result.residual <= options.max_residual &&
                   backward_steps(fits, from, to) <= result.inside / 5 &&
                   largest_step(fits, from, to) <= options.max_step;
    if (result.blend && !dip) extend_along_luma(thumbnails, result, low + 2 * options.margin, high - 2 * options.margin, max_length);
    return result;
}

std::vector<std::int64_t> frames_in_window(const Thumbnails& thumbnails, std::int64_t from, std::int64_t to,
                                           const std::vector<bool>* left_out) {
    std::vector<std::int64_t> frames;
    for (std::int64_t f = std::max<std::int64_t>(0, from); f <= std::min(to, static_cast<std::int64_t>(thumbnails.size()) - 1); ++f)
        if (left_out == nullptr || !(*left_out)[static_cast<std::size_t>(f)]) frames.push_back(f);
    return frames;
}

}  // namespace tunesmith
