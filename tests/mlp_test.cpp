// Tests of the weighted-network pieces: stable maths, the MLP core (gradients, loss, Adam, determinism, files),
// the per-user MLP model and the neural CF model on small synthetic catalogues.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "test_util.hpp"
#include "weightless/model/linalg.hpp"
#include "weightless/model/mlp_network.hpp"
#include "weightless/model/ncf.hpp"
#include "weightless/model/mlp_model.hpp"

namespace {

using wl::MlpNetwork;
using wl::MlpOutput;

// ---- stable scalar functions ------------------------------------------------------------------------

TEST(Linalg, StableExpLogMatchLibm) {
    EXPECT_EQ(wl::la::exp(0.0), 1.0);
    EXPECT_EQ(wl::la::log(1.0), 0.0);
    EXPECT_EQ(wl::la::log1p(0.0), 0.0);
    for (double x = -700.0; x <= 700.0; x += 0.37) {
        const double ref = std::exp(x), got = wl::la::exp(x);
        EXPECT_NEAR(got / ref, 1.0, 4e-15) << "exp(" << x << ")";
    }
    for (double x = 1e-300; x < 1e300; x *= 7.3) {
        const double ref = std::log(x), got = wl::la::log(x);
        EXPECT_NEAR(got, ref, 4e-15 * std::max(1.0, std::fabs(ref))) << "log(" << x << ")";
    }
    for (double x : {1e-18, 1e-12, -1e-9, 3e-5, 0.25, -0.5, 0.999, 5.0, 1e6}) {
        const double ref = std::log1p(x), got = wl::la::log1p(x);
        EXPECT_NEAR(got / ref, 1.0, 4e-15) << "log1p(" << x << ")";
    }
    EXPECT_EQ(wl::la::exp(-800.0), 0.0);
    EXPECT_TRUE(std::isinf(wl::la::exp(800.0)));
    EXPECT_TRUE(std::isinf(wl::la::log(0.0)));
    EXPECT_TRUE(std::isnan(wl::la::log(-1.0)));
}

TEST(Linalg, SigmoidIsSymmetricAndSaturatesWithoutOverflow) {
    for (double z = -30.0; z <= 30.0; z += 0.7) EXPECT_NEAR(wl::la::sigmoid(z) + wl::la::sigmoid(-z), 1.0, 1e-15);
    EXPECT_EQ(wl::la::sigmoid(0.0), 0.5);
    EXPECT_EQ(wl::la::sigmoid(1000.0), 1.0);
    EXPECT_EQ(wl::la::sigmoid(-1000.0), 0.0);
}

TEST(Linalg, BceOnLogitsEqualsNaiveFormulaWhereStable) {
    for (double z = -12.0; z <= 12.0; z += 0.25)
        for (double y : {0.0, 0.3, 1.0}) {
            const double s = 1.0 / (1.0 + std::exp(-z));
            const double naive = -y * std::log(s) - (1.0 - y) * std::log(1.0 - s);
            EXPECT_NEAR(wl::la::bce_logits(z, y), naive, 1e-9 * std::max(1.0, naive)) << "z=" << z << " y=" << y;
        }
    // Where the naive formula overflows (log(0)), the stable one stays exact: loss ~ |z| on the wrong side.
    EXPECT_NEAR(wl::la::bce_logits(800.0, 0.0), 800.0, 1e-9);
    EXPECT_NEAR(wl::la::bce_logits(-800.0, 1.0), 800.0, 1e-9);
    EXPECT_EQ(wl::la::bce_logits(800.0, 1.0), 0.0);
}

TEST(Linalg, NormalDrawsHaveUnitMoments) {
    wl::Rng rng(3);
    double s = 0, s2 = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double z = wl::la::normal(rng);
        s += z;
        s2 += z * z;
    }
    EXPECT_NEAR(s / n, 0.0, 0.01);
    EXPECT_NEAR(s2 / n, 1.0, 0.015);
}

TEST(Linalg, DotAndAffineKernels) {
    std::vector<float> a{1, 2, 3, 4, 5, 6, 7}, b{7, 6, 5, 4, 3, 2, 1};
    EXPECT_EQ(wl::la::dot(a.data(), b.data(), a.size()), 84.0);
    // 3 inputs -> 2 outputs, wt[k * 2 + j].
    const float wt[6] = {1, 2, 3, 4, 5, 6}, bias[2] = {0.5f, -0.5f}, x[3] = {1, 0, 2};
    float z[2];
    uint32_t pos[3], scratch[2];
    ASSERT_EQ(wl::la::nonzeros(x, 3, pos), 2u);
    EXPECT_EQ(pos[0], 0u);
    EXPECT_EQ(pos[1], 2u);
    wl::la::affine(x, pos, 2, wt, bias, 2, z);
    EXPECT_EQ(z[0], 0.5f + 1 + 10);
    EXPECT_EQ(z[1], -0.5f + 2 + 12);
    float w[6], dx[3];
    wl::la::transpose(wt, 3, 2, w);
    const float dz[2] = {1, -1};
    wl::la::affine_back(dz, w, 3, 3, 2, nullptr, dx, scratch);
    EXPECT_EQ(dx[0], 1 - 2);
    EXPECT_EQ(dx[1], 3 - 4);
    EXPECT_EQ(dx[2], 5 - 6);
}

// ---- MLP core ----------------------------------------------------------------------------------------

// Sum over rows of the per-row loss (scale 1): the quantity whose gradient backward() accumulates.
double total_loss(const MlpNetwork& net, const std::vector<float>& X, const std::vector<float>& Y, size_t n) {
    wl::MlpWork w = net.make_work();
    double total = 0;
    for (size_t r = 0; r < n; ++r) {
        const float* o = net.forward(X.data() + r * net.inputs(), w);
        total += net.row_loss(o, Y.data() + r * net.outputs(), 1.0f, w.dout.data(), true);
    }
    return total;
}

void gradient_check(MlpOutput out) {
    const size_t n = 6;
    MlpNetwork net({5, 7, 4, 3}, out, 11);
    wl::Rng rng(5);
    std::vector<float> X(n * 5), Y(n * 3);
    for (auto& v : X) v = rng.below(4) == 0 ? 0.0f : static_cast<float>(rng.uniform() * 2 - 1);
    for (auto& v : Y)
        v = out == MlpOutput::Sigmoid ? static_cast<float>(rng.below(2)) : static_cast<float>(rng.uniform() * 4 - 2);

    std::vector<float> grad(net.num_params(), 0.0f);
    std::vector<float> dx_an(n * 5);
    wl::MlpWork w = net.make_work();
    for (size_t r = 0; r < n; ++r) {
        const float* o = net.forward(X.data() + r * 5, w);
        net.row_loss(o, Y.data() + r * 3, 1.0f, w.dout.data(), false);
        net.backward(X.data() + r * 5, w.dout.data(), w, grad.data(), dx_an.data() + r * 5, 5);
    }
    // Central differences in float parameters: compare with a tolerance that covers float rounding.
    const float h = 1e-3f;
    int checked = 0;
    for (size_t p = 0; p < net.num_params(); ++p) {
        const float saved = net.params()[p];
        net.params()[p] = saved + h;
        net.params_changed();
        const double up = total_loss(net, X, Y, n);
        net.params()[p] = saved - h;
        net.params_changed();
        const double down = total_loss(net, X, Y, n);
        net.params()[p] = saved;
        net.params_changed();
        const double fd = (up - down) / (2.0 * h);
        EXPECT_NEAR(grad[p], fd, 2e-3 + 1e-2 * std::fabs(fd)) << "parameter " << p;
        ++checked;
    }
    EXPECT_EQ(checked, static_cast<int>(net.num_params()));
    // Input gradient of row 0.
    for (size_t k = 0; k < 5; ++k) {
        std::vector<float> Xp = X, Xm = X;
        Xp[k] += h;
        Xm[k] -= h;
        const double fd = (total_loss(net, Xp, Y, 1) - total_loss(net, Xm, Y, 1)) / (2.0 * h);
        EXPECT_NEAR(dx_an[k], fd, 2e-3 + 1e-2 * std::fabs(fd)) << "input " << k;
    }
    // The check is not vacuous: some gradients are far from zero.
    double max_abs = 0;
    for (float g : grad) max_abs = std::max(max_abs, static_cast<double>(std::fabs(g)));
    EXPECT_GT(max_abs, 0.05);
}

TEST(MlpNetwork, GradientMatchesFiniteDifferencesSigmoidBce) { gradient_check(MlpOutput::Sigmoid); }
TEST(MlpNetwork, GradientMatchesFiniteDifferencesLinearMse) { gradient_check(MlpOutput::Linear); }

TEST(MlpNetwork, InitialisationFollowsTorchLinearBounds) {
    MlpNetwork net({26, 32, 16, 10}, MlpOutput::Sigmoid, 1);
    EXPECT_EQ(net.num_params(), 26u * 32 + 32 + 32 * 16 + 16 + 16 * 10 + 10);
    for (uint32_t l = 0; l < net.layers(); ++l) {
        const double bound = 1.0 / std::sqrt(static_cast<double>(net.sizes()[l]));
        const size_t first = net.weight_offset(l), last = net.bias_offset(l) + net.sizes()[l + 1];
        double lo = 1, hi = -1;
        for (size_t p = first; p < last; ++p) {
            lo = std::min(lo, static_cast<double>(net.params()[p]));
            hi = std::max(hi, static_cast<double>(net.params()[p]));
        }
        EXPECT_GE(lo, -bound);
        EXPECT_LE(hi, bound);
        EXPECT_LT(lo, -0.8 * bound);  // the whole range is used
        EXPECT_GT(hi, 0.8 * bound);
    }
}

// A toy set: 8 input bits, the target thermometer counts the first four bits twice over.
void toy_rows(std::vector<float>& X, std::vector<float>& Y, size_t& n) {
    n = 48;
    wl::Rng rng(9);
    X.assign(n * 8, 0.0f);
    Y.assign(n * 10, 0.0f);
    for (size_t r = 0; r < n; ++r) {
        int ones = 0;
        for (size_t k = 0; k < 8; ++k) {
            X[r * 8 + k] = static_cast<float>(rng.below(2));
            if (k < 4 && X[r * 8 + k] > 0) ones += 2;
        }
        for (int j = 0; j < ones; ++j) Y[r * 10 + j] = 1.0f;
    }
}

TEST(MlpNetwork, TrainingLossDecreasesOnToySet) {
    std::vector<float> X, Y;
    size_t n;
    toy_rows(X, Y, n);
    MlpNetwork net({8, 32, 16, 10}, MlpOutput::Sigmoid, 4);
    wl::MlpTrainConfig cfg;
    cfg.epochs = 300;
    cfg.adam.lr = 1e-2;
    wl::MlpTrainer trainer;
    const double before = wl::MlpTrainer::loss(net, X.data(), Y.data(), n);
    const auto losses = trainer.train(net, X.data(), Y.data(), n, cfg, 1, true);
    ASSERT_EQ(losses.size(), 300u);
    EXPECT_NEAR(losses.front(), before, 1e-6);  // epoch 1 is measured before its update
    EXPECT_LT(losses.back(), 0.1 * losses.front());
    EXPECT_LT(wl::MlpTrainer::loss(net, X.data(), Y.data(), n), losses.back());
    int rises = 0;
    for (size_t e = 1; e < losses.size(); ++e) rises += losses[e] > losses[e - 1] ? 1 : 0;
    EXPECT_LT(rises, 30);  // full-batch Adam: essentially monotone
    // The net learned the rule: every toy row's thermometer count is right.
    wl::MlpWork w = net.make_work();
    for (size_t r = 0; r < n; ++r) {
        const float* o = net.forward(X.data() + r * 8, w);
        int got = 0, want = 0;
        for (int j = 0; j < 10; ++j) {
            got += o[j] > 0 ? 1 : 0;
            want += Y[r * 10 + j] > 0 ? 1 : 0;
        }
        EXPECT_EQ(got, want) << "row " << r;
    }
}

TEST(MlpNetwork, MiniBatchTrainingAlsoLearnsAndIsSeeded) {
    std::vector<float> X, Y;
    size_t n;
    toy_rows(X, Y, n);
    wl::MlpTrainConfig cfg;
    cfg.epochs = 60;
    cfg.batch = 8;
    cfg.adam.lr = 1e-2;
    wl::MlpTrainer trainer;
    MlpNetwork a({8, 16, 10}, MlpOutput::Sigmoid, 4), b = a, c = a;
    const auto la = trainer.train(a, X.data(), Y.data(), n, cfg, 1, true);
    trainer.train(b, X.data(), Y.data(), n, cfg, 1);
    trainer.train(c, X.data(), Y.data(), n, cfg, 2);
    EXPECT_LT(la.back(), 0.3 * la.front());
    EXPECT_EQ(0, std::memcmp(a.params().data(), b.params().data(), a.num_params() * sizeof(float)));
    EXPECT_NE(0, std::memcmp(a.params().data(), c.params().data(), a.num_params() * sizeof(float)));
}

TEST(MlpNetwork, SameSeedSameBitsDifferentSeedDifferent) {
    std::vector<float> X, Y;
    size_t n;
    toy_rows(X, Y, n);
    wl::MlpTrainer trainer;
    wl::MlpTrainConfig cfg;
    auto run = [&](uint64_t seed) {
        MlpNetwork net({8, 32, 16, 10}, MlpOutput::Sigmoid, seed);
        trainer.train(net, X.data(), Y.data(), n, cfg, seed);
        wl::ByteWriter w;
        net.save(w);
        return w.take();
    };
    EXPECT_EQ(run(1), run(1));
    EXPECT_NE(run(1), run(2));
}

TEST(MlpNetwork, SaveLoadRoundTripAndCorruptInput) {
    MlpNetwork net({5, 4, 3}, MlpOutput::Linear, 2);
    wl::ByteWriter w;
    net.save(w);
    wl::ByteReader r(w.data());
    MlpNetwork back = MlpNetwork::load(r);
    r.expect_done();
    EXPECT_EQ(back.sizes(), net.sizes());
    EXPECT_EQ(back.output(), MlpOutput::Linear);
    EXPECT_EQ(0, std::memcmp(back.params().data(), net.params().data(), net.num_params() * sizeof(float)));

    std::vector<uint8_t> bytes = w.data();
    std::vector<uint8_t> truncated(bytes.begin(), bytes.end() - 3);
    wl::ByteReader rt(truncated);
    EXPECT_THROW(MlpNetwork::load(rt), wl::FormatError);
    std::vector<uint8_t> nan = bytes;
    const uint32_t nan_bits = 0x7FC00000u;
    std::memcpy(nan.data() + nan.size() - 4, &nan_bits, 4);
    wl::ByteReader rn(nan);
    EXPECT_THROW(MlpNetwork::load(rn), wl::FormatError);
    std::vector<uint8_t> zero_width = bytes;
    zero_width[1] = 0;  // first layer width
    wl::ByteReader rz(zero_width);
    EXPECT_THROW(MlpNetwork::load(rz), wl::FormatError);
}

// ---- models on a synthetic catalogue -------------------------------------------------------------------

// 12 items alternating Drama / Comedy (+Action on every third); users 0..5 love dramas and hate comedies,
// users 6..9 the reverse; user 10 has no rating.
wl::Dataset toy_catalogue(std::vector<wl::Rating>& ratings) {
    wl::Dataset ds;
    ds.name = "toy";
    ds.genre_names = {"Drama", "Comedy", "Action"};
    for (uint32_t i = 0; i < 12; ++i) {
        wl::Item it;
        it.id = 100 + i;
        it.title = "item " + std::to_string(i);
        it.year = static_cast<int16_t>(1990 + i);
        it.genres = (i % 2 == 0 ? 1u : 2u) | (i % 3 == 0 ? 4u : 0u);
        ds.items.push_back(it);
    }
    for (uint32_t u = 0; u < 11; ++u) ds.user_ids.push_back(1 + u);
    for (uint32_t u = 0; u < 10; ++u)
        for (uint32_t i = 0; i < 10; ++i) {  // items 10 and 11 are never rated
            const bool drama = i % 2 == 0, lover = u < 6;
            const uint8_t half = (drama == lover) ? 10 : 2;
            ratings.push_back({u, i, half, 1000 + u * 100 + i});
        }
    ds.ratings = ratings;
    ds.index();
    return ds;
}

wl::MlpConfig toy_mlp_config() {
    wl::MlpConfig c;
    c.epochs = 300;
    c.lr = 1e-2;
    return c;
}

TEST(UserMlp, LearnsEachUsersTasteAndFallsBackForUnknownUsers) {
    std::vector<wl::Rating> ratings;
    const wl::Dataset ds = toy_catalogue(ratings);
    wl::MlpModel m(toy_mlp_config());
    m.fit({ds, ratings});
    EXPECT_EQ(m.layer_sizes(), (std::vector<uint32_t>{26, 32, 16, 10}));  // the reference's 26-bit input
    EXPECT_EQ(m.name(), "mlp");
    EXPECT_EQ(m.kind(), "mlp");
    // Item 10 is a drama nobody rated (its code equals the rated dramas'); item 1 a rated comedy.
    EXPECT_GE(m.predict(0, 10), 4.0);
    EXPECT_LE(m.predict(0, 1), 1.5);
    EXPECT_LE(m.predict(7, 10), 1.5);
    EXPECT_GE(m.predict(7, 1), 4.0);
    EXPECT_EQ(m.predict_thermometer(0, 10), 10);
    EXPECT_EQ(m.predict(0, 10), std::clamp(m.predict_thermometer(0, 10) * 0.5, 0.5, 5.0));
    // No ratings: the global mean (here (60 * 5 + 40 * 1 ... ) / 100 stars), and no thermometer.
    double sum = 0;
    for (const auto& r : ratings) sum += r.stars();
    EXPECT_DOUBLE_EQ(m.predict(10, 0), sum / ratings.size());
    EXPECT_EQ(m.predict_thermometer(10, 0), -1);
    EXPECT_DOUBLE_EQ(m.predict(500, 0), sum / ratings.size());
    // predict_many agrees with predict.
    const std::vector<uint32_t> items{0, 1, 10, 11};
    std::vector<double> many(items.size());
    m.predict_many(3, items, many);
    for (size_t k = 0; k < items.size(); ++k) EXPECT_EQ(many[k], m.predict(3, items[k]));
    // The per-epoch losses of a user's training go down.
    const auto losses = m.training_losses(0);
    ASSERT_EQ(losses.size(), 300u);
    EXPECT_LT(losses.back(), 0.2 * losses.front());
}

TEST(UserMlp, RegressionTargetLearnsToo) {
    std::vector<wl::Rating> ratings;
    const wl::Dataset ds = toy_catalogue(ratings);
    wl::MlpConfig c = toy_mlp_config();
    c.target = wl::MlpTarget::Regression;
    wl::MlpModel m(c);
    m.fit({ds, ratings});
    EXPECT_EQ(m.layer_sizes().back(), 1u);
    EXPECT_GE(m.predict(0, 10), 4.0);
    EXPECT_LE(m.predict(0, 1), 1.5);
    EXPECT_GE(m.predict(7, 1), 4.0);
    EXPECT_EQ(m.predict_thermometer(0, 10), -1);
}

TEST(UserMlp, LearnRetrainsTheUserAndNewUsersGrow) {
    std::vector<wl::Rating> ratings;
    const wl::Dataset ds = toy_catalogue(ratings);
    wl::MlpModel m(toy_mlp_config());
    m.fit({ds, ratings});
    const double other_before = m.predict(1, 10);
    // A brand-new user (index beyond the catalogue) who loves comedies.
    for (uint32_t i : {1u, 3u, 5u, 7u}) m.learn({20, i, 10, 0});
    for (uint32_t i : {0u, 2u, 4u, 6u}) m.learn({20, i, 2, 0});
    EXPECT_GE(m.predict(20, 9), 4.0);  // items 8 and 9: rated by others, not by this user
    EXPECT_LE(m.predict(20, 8), 1.5);
    EXPECT_EQ(m.predict(1, 10), other_before);  // nobody else changes
    EXPECT_THROW(m.learn({20, 99, 10, 0}), std::invalid_argument);
    EXPECT_THROW(m.learn({20, 1, 11, 0}), std::invalid_argument);
}

TEST(UserMlp, DeterministicBySeedAndSaveLoadRoundTrip) {
    std::vector<wl::Rating> ratings;
    const wl::Dataset ds = toy_catalogue(ratings);
    wl::MlpConfig c;
    c.epochs = 30;
    wl::MlpModel a(c), b(c);
    a.fit({ds, ratings});
    b.fit({ds, ratings});
    const auto bytes = wl::save_model(a);
    EXPECT_EQ(bytes, wl::save_model(b));
    c.seed = 2;
    wl::MlpModel d(c);
    d.fit({ds, ratings});
    EXPECT_NE(bytes, wl::save_model(d));

    wl::MlpModel back;
    wl::load_model(back, bytes);
    EXPECT_EQ(back.config_text(), a.config_text());
    EXPECT_EQ(wl::save_model(back), bytes);
    for (uint32_t u = 0; u < 11; ++u)
        for (uint32_t i = 0; i < 12; ++i) EXPECT_EQ(back.predict(u, i), a.predict(u, i));
    EXPECT_GT(a.memory_bytes(), 10u * 1562 * 4);

    // Corrupt payloads: FormatError, and the model keeps its state.
    auto truncated = bytes;
    truncated.resize(bytes.size() - 9);
    EXPECT_THROW(wl::load_model(d, truncated), wl::FormatError);
    wl::ByteWriter w;
    a.save(w);
    auto payload = w.take();
    const uint32_t nan_bits = 0x7FC00000u;  // a NaN as the last network's last parameter
    std::memcpy(payload.data() + payload.size() - 4, &nan_bits, 4);
    const auto d_bytes = wl::save_model(d);
    wl::ByteReader r(payload, "test");
    EXPECT_THROW(d.load(r), wl::FormatError);
    EXPECT_EQ(wl::save_model(d), d_bytes);
}

TEST(NeuralCf, LearnsTheToyTastesDeterministically) {
    std::vector<wl::Rating> ratings;
    const wl::Dataset ds = toy_catalogue(ratings);
    wl::NcfConfig c;
    c.epochs = 200;
    c.batch = 16;
    c.lr = 1e-2;
    wl::NcfModel m(c);
    m.fit({ds, ratings});
    EXPECT_EQ(m.layer_sizes(), (std::vector<uint32_t>{32 + 32 + 26, 64, 32, 10}));
    ASSERT_EQ(m.epoch_losses().size(), 200u);
    EXPECT_LT(m.epoch_losses().back(), 0.1 * m.epoch_losses().front());
    // Training pairs are fitted.
    int right = 0;
    for (const auto& r : ratings) right += m.predict_thermometer(r.user, r.item) == 2 * (r.half_stars / 2) ? 1 : 0;
    EXPECT_GE(right, 95);
    EXPECT_EQ(m.predict(0, 0), m.predict_thermometer(0, 0) * 0.5);

    wl::NcfModel again(c);
    again.fit({ds, ratings});
    const auto bytes = wl::save_model(m);
    EXPECT_EQ(bytes, wl::save_model(again));
    c.seed = 9;
    wl::NcfModel other(c);
    other.fit({ds, ratings});
    EXPECT_NE(bytes, wl::save_model(other));

    wl::NcfModel back;
    wl::load_model(back, bytes);
    EXPECT_EQ(wl::save_model(back), bytes);
    for (uint32_t u = 0; u < 11; ++u)
        for (uint32_t i = 0; i < 12; ++i) EXPECT_EQ(back.predict_thermometer(u, i), m.predict_thermometer(u, i));
    auto bad = bytes;
    bad.resize(bad.size() / 2);
    EXPECT_THROW(wl::load_model(back, bad), wl::FormatError);
    EXPECT_EQ(wl::save_model(back), bytes);
}

TEST(NeuralCf, LearnMovesOnlyThatUserAndGrowsForNewUsers) {
    std::vector<wl::Rating> ratings;
    const wl::Dataset ds = toy_catalogue(ratings);
    wl::NcfConfig c;
    c.epochs = 20;
    c.batch = 16;
    c.learn_steps = 50;
    c.learn_lr = 0.5;
    wl::NcfModel m(c);
    m.fit({ds, ratings});
    std::vector<int> before;
    for (uint32_t i = 0; i < 12; ++i) before.push_back(m.predict_thermometer(3, i));
    const int unseen = m.predict_thermometer(40, 4);
    EXPECT_GE(unseen, 0);  // an unknown user is answered with a zero embedding
    m.learn({40, 4, 10, 0});
    EXPECT_GE(m.predict_thermometer(40, 4), unseen);
    EXPECT_EQ(m.predict_thermometer(40, 4), 10);  // 50 steps on one rating fit it
    for (uint32_t i = 0; i < 12; ++i) EXPECT_EQ(m.predict_thermometer(3, i), before[i]);
    EXPECT_THROW(m.learn({40, 12, 10, 0}), std::invalid_argument);
    EXPECT_FALSE(m.can_forget());
}

}  // namespace
