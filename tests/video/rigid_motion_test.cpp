// Tests for src/video/rigid_motion.cpp: a pan and a rotation are measured on thumbnails; a still shot,
// a zoom-like change in place and noise are not rigid motion.
#include "video/rigid_motion.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace tunesmith {
namespace {

// A smooth picture seen through a window at (ox, oy), turned by `angle` about the thumbnail's centre.
std::vector<std::uint8_t> view(double ox, double oy, double angle, double scale = 1.0) {
    std::vector<std::uint8_t> p(Thumbnails::kSize);
    const double cx = 0.5 * (Thumbnails::kWidth - 1), cy = 0.5 * (Thumbnails::kHeight - 1);
    for (std::size_t plane = 0; plane < 3; ++plane)
        for (int y = 0; y < Thumbnails::kHeight; ++y)
            for (int x = 0; x < Thumbnails::kWidth; ++x) {
                const double u = (std::cos(angle) * (x - cx) + std::sin(angle) * (y - cy)) * scale - ox;
                const double v = (-std::sin(angle) * (x - cx) + std::cos(angle) * (y - cy)) * scale - oy;
                const auto k = static_cast<double>(plane);
                const double value = 128.0 + 50.0 * std::sin(0.5 * u + k) + 40.0 * std::cos(0.7 * v - k);
                p[plane * Thumbnails::kPlane + static_cast<std::size_t>(y * Thumbnails::kWidth + x)] =
                    static_cast<std::uint8_t>(std::lround(value));
            }
    return p;
}

TEST(RigidMotion, PanIsMeasuredInPixelsPerFrame) {
    Thumbnails t;
    for (int f = 0; f < 8; ++f) t.add_pixels(view(0.5 * f, -0.25 * f, 0.0));  // content moves right and up
    const RigidMotion m = rigid_motion(t, 0, 6);
    EXPECT_NEAR(m.dx, 0.5, 0.05);
    EXPECT_NEAR(m.dy, -0.25, 0.05);
    EXPECT_NEAR(m.turn, 0.0, 1e-9);
    const RigidMotion back = rigid_motion(t, 6, 0);  // measured backwards: the same velocity
    EXPECT_NEAR(back.dx, 0.5, 0.05);
}

TEST(RigidMotion, RotationIsMeasuredInRadiansPerFrame) {
    Thumbnails t;
    for (int f = 0; f < 8; ++f) t.add_pixels(view(0.0, 0.0, -0.15 * f));
    const RigidMotion m = rigid_motion(t, 0, 4);
    EXPECT_NEAR(std::fabs(m.turn), 0.15, 0.01);
    // Moving the first picture by the measured motion predicts the fourth.
    const ThumbnailVector first = thumbnail_vector(t, 0), fourth = thumbnail_vector(t, 4);
    const MovedPicture predicted = moved(first, m, 4.0);
    double error = 0.0, still = 0.0;
    for (std::size_t i = 0; i < Thumbnails::kPlane; ++i)
        if (predicted.valid[i]) {
            error += std::pow(predicted.values[i] - fourth[i], 2.0);
            still += std::pow(first[i] - fourth[i], 2.0);
        }
    EXPECT_LT(error, 0.1 * still);
}

TEST(RigidMotion, StillShotsZoomsAndNoiseAreNotRigidMotion) {
    Thumbnails still, zoom, noise;
    std::uint32_t state = 12345;
    for (int f = 0; f < 8; ++f) {
        still.add_pixels(view(1.0, 2.0, 0.3));
        zoom.add_pixels(view(0.0, 0.0, 0.0, 1.0 + 0.08 * f));
        std::vector<std::uint8_t> n(Thumbnails::kSize);
        for (auto& value : n) value = static_cast<std::uint8_t>((state = state * 1664525u + 1013904223u) >> 24);
        noise.add_pixels(n);
    }
    EXPECT_FALSE(rigid_motion(still, 0, 6).moving());
    EXPECT_FALSE(rigid_motion(zoom, 0, 6).moving());
    EXPECT_FALSE(rigid_motion(noise, 0, 6).moving());
}

// Session 14, third pass: with `zooms`, a zoom is measured in natural log of scale per frame (the
// picture shrinks here: the view takes in 5% more a frame), and its moved picture predicts the shot.
TEST(RigidMotion, ZoomIsMeasuredWhenAsked) {
    Thumbnails t;
    for (int f = 0; f < 8; ++f) t.add_pixels(view(0.0, 0.0, 0.0, std::exp(0.05 * f)));
    const RigidMotion m = rigid_motion(t, 0, 6, 0.5, true, true);
    EXPECT_NEAR(m.zoom, -0.05, 0.005);
    EXPECT_NEAR(m.dx, 0.0, 0.2);
    EXPECT_NEAR(m.turn, 0.0, 1e-9);
    EXPECT_LT(prediction_error(t, 2, 7, m), 0.1 * prediction_error(t, 2, 7, RigidMotion{}));
    EXPECT_FALSE(rigid_motion(t, 0, 6).moving());  // not asked: a zoom is no rigid motion
}

// Session 9: the shot's own motion predicts its later frames (a flash's return), not another view.
TEST(RigidMotion, PredictionErrorIsSmallOnlyForTheShotsOwnPicture) {
    Thumbnails t;
    for (int f = 0; f < 8; ++f) t.add_pixels(view(0.6 * f, 0.2 * f, 0.0));
    t.add_pixels(view(9.0, -4.0, 0.0));  // frame 8: another view of the same picture
    const RigidMotion m = rigid_motion(t, 2, 4);
    ASSERT_TRUE(m.moving());
    const double still = prediction_error(t, 4, 7, RigidMotion{});
    EXPECT_LT(prediction_error(t, 4, 7, m), 0.05 * still);  // three frames on, moved by the shot's motion
    EXPECT_GT(prediction_error(t, 6, 8, m), 3.0 * prediction_error(t, 4, 6, m) + 4.0);
}

}  // namespace
}  // namespace tunesmith
