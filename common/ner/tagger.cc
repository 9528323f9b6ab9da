#include "common/ner/tagger.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace gazette::ner {
namespace {

// Template numbers. Persisted through the hashes: do not renumber (bump
// kFeatureVersion instead).
enum Templ : uint32_t {
  kBias = 0,
  kWord,
  kLower,
  kShape,
  kLongShape,
  kPrefix1,
  kPrefix2,
  kPrefix3,
  kPrefix4,
  kSuffix1,
  kSuffix2,
  kSuffix3,
  kSuffix4,
  kPrev1,
  kNext1,
  kPrev2,
  kNext2,
  kShapePrev,
  kShapeNext,
  kShape3,
  kBigramPrev,
  kBigramNext,
  kFirst,
  kCapsLine,
  kCapsLineWord,
  kHyphen,
  kGaz,
  kGazShape,
  kGazPrev,
  kGazNext,
  kCommonWord,
  kTagPrev,
  kTagPrev2,
  kTagPrevWord,
  kHistory,
  kHeadline,
  kDocCasing,
  kDocCasingFirst,
  kClusterCoarse,
  kClusterFine,
  kClusterFineShape,
  kClusterPrev,
  kClusterNext,
};

const uint64_t kStart = hash_bytes("<S>");
const uint64_t kEnd = hash_bytes("</S>");

}  // namespace

int DocHistory::majority(uint64_t lower_hash) const {
  const Counts* c = counts_.find(lower_hash);
  if (c == nullptr) return -1;
  int best = -1;
  for (int t = 0; t < kNumTypes; ++t)
    if ((*c)[t] > 0 && (best < 0 || (*c)[t] > (*c)[best])) best = t;
  return best;
}

void DocCasing::build(const TokenizedText& doc) {
  flags_.clear();
  for (const Sentence& s : doc.sentences) {
    if (s.headline) continue;
    for (uint32_t i = s.begin; i < s.end; ++i) {
      const Token& t = doc.tokens[i];
      uint8_t f = 0;
      if (starts_lower(t.text)) {
        f = kSeenLower;
      } else if (i > s.begin && starts_upper(t.text)) {
        std::string_view prev = doc.tokens[i - 1].text;
        if (prev != "\"" && prev != ":" && prev != "(" && prev != "'") f = kSeenCapitalMid;
      }
      if (f != 0) *flags_.get_or_insert(t.lower_hash, 0) |= f;
    }
  }
}

WordInfo FeatureExtractor::word_info(const Token& t, uint64_t word_hash) const {
  WordInfo wi;
  wi.hw = word_hash;
  wi.hl = t.lower_hash;
  short_shape_into(t.text, &scratch_);
  wi.hs = hash_bytes(scratch_);
  wi.upper = starts_upper(t.text);
  wi.letter = has_letter(t.text);
  wi.caps = wi.letter && is_all_caps(t.text);
  wi.plain = std::none_of(t.text.begin(), t.text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c & 0x80) != 0;
  });
  wi.number =
      std::any_of(t.text.begin(), t.text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      std::none_of(t.text.begin(), t.text.end(), [](char c) {
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c & 0x80) != 0;
      });
  if (clusters_ != nullptr) {
    const ClusterIds* c = clusters_->find(wi.hw);
    if (c == nullptr) c = clusters_->find(wi.hl);
    if (c != nullptr) wi.fine = c->fine | (c->coarse << 16);
  }
  return wi;
}

void FeatureExtractor::word_features(const Token& t, const WordInfo& wi,
                                     std::vector<uint64_t>* feats) const {
  auto add = [&](uint64_t f) { feats->push_back(f); };
  const std::string& low = t.lower;
  add(feature(kBias, 0));
  add(feature(kWord, wi.hw));
  add(feature(kLower, wi.hl));
  add(feature(kShape, wi.hs));
  shape_into(t.text, &scratch_);
  add(feature(kLongShape, hash_bytes(std::string_view(scratch_).substr(0, 8))));
  for (size_t k = 1; k <= 4; ++k) {
    size_t m = std::min(k, low.size());
    add(feature(kPrefix1 + static_cast<uint32_t>(k) - 1,
                hash_bytes(std::string_view(low).substr(0, m))));
    add(feature(kSuffix1 + static_cast<uint32_t>(k) - 1,
                hash_bytes(std::string_view(low).substr(low.size() - m))));
  }
  if (t.text.find('-') != std::string::npos) add(feature(kHyphen, 0));
  if (gazetteer_ != nullptr && wi.upper && gazetteer_->is_common(wi.hl))
    add(feature(kCommonWord, 0));
  if (clusters_ != nullptr && wi.fine >= 0) {
    uint64_t fine = static_cast<uint64_t>(wi.fine & 0xFFFF);
    add(feature(kClusterCoarse, static_cast<uint64_t>(wi.fine >> 16)));
    add(feature(kClusterFine, fine));
    add(feature(kClusterFineShape, fine, wi.hs));
  }
}

void FeatureExtractor::begin_sentence(const TokenizedText& doc, const Sentence& s,
                                      const WordInfo* infos) {
  const uint32_t n = s.end - s.begin;
  sentence_ = infos;
  bool any_alpha = false, all_caps = true;
  for (uint32_t i = 0; i < n; ++i) {
    if (infos[i].letter) {
      any_alpha = true;
      if (!infos[i].caps) all_caps = false;
    }
  }
  caps_line_ = any_alpha && all_caps;
  if (gazetteer_ != nullptr) {
    gaz_.resize(n);
    gazetteer_->match(doc.tokens, s.begin, s.end, gaz_.data());
  }
}

void FeatureExtractor::context_features(const Sentence& s, uint32_t i, const DocCasing* casing,
                                        std::vector<uint64_t>* feats) const {
  const uint32_t n = s.end - s.begin;
  const WordInfo* in = sentence_;
  auto L = [&](long k, uint64_t pad) { return k >= 0 && k < long{n} ? in[k].hl : pad; };
  auto S = [&](long k, uint64_t pad) { return k >= 0 && k < long{n} ? in[k].hs : pad; };
  auto add = [&](uint64_t f) { feats->push_back(f); };
  const WordInfo& w = in[i];
  const long li = i;
  add(feature(kPrev1, L(li - 1, kStart)));
  add(feature(kNext1, L(li + 1, kEnd)));
  add(feature(kPrev2, L(li - 2, kStart)));
  add(feature(kNext2, L(li + 2, kEnd)));
  add(feature(kShapePrev, S(li - 1, kStart)));
  add(feature(kShapeNext, S(li + 1, kEnd)));
  add(feature(kShape3, S(li - 1, kStart) * 31 + w.hs, S(li + 1, kEnd)));
  add(feature(kBigramPrev, L(li - 1, kStart), w.hl));
  add(feature(kBigramNext, w.hl, L(li + 1, kEnd)));
  if (i == 0) add(feature(kFirst, 0));
  if (caps_line_) {
    add(feature(kCapsLine, 0));
    add(feature(kCapsLineWord, w.hl));
  }
  if (s.headline) add(feature(kHeadline, 0));
  if (casing != nullptr && w.upper) {
    uint64_t f = casing->flags(w.hl);
    add(feature(kDocCasing, f));
    if (i == 0 || s.headline) add(feature(kDocCasingFirst, f, s.headline ? 2 : 1));
  }
  if (gazetteer_ != nullptr) {
    for (uint32_t g = gaz_[i]; g != 0; g &= g - 1) {
      uint64_t bit = static_cast<uint64_t>(__builtin_ctz(g));
      add(feature(kGaz, bit));
      add(feature(kGazShape, bit, w.hs));
    }
    if (i > 0)
      for (uint32_t g = gaz_[i - 1]; g != 0; g &= g - 1)
        add(feature(kGazPrev, static_cast<uint64_t>(__builtin_ctz(g))));
    if (i + 1 < n)
      for (uint32_t g = gaz_[i + 1]; g != 0; g &= g - 1)
        add(feature(kGazNext, static_cast<uint64_t>(__builtin_ctz(g))));
  }
  if (clusters_ != nullptr) {
    if (i > 0 && in[i - 1].fine >= 0)
      add(feature(kClusterPrev, static_cast<uint64_t>(in[i - 1].fine & 0xFFFF)));
    if (i + 1 < n && in[i + 1].fine >= 0)
      add(feature(kClusterNext, static_cast<uint64_t>(in[i + 1].fine & 0xFFFF)));
  }
}

void FeatureExtractor::extract(const TokenizedText& doc, const Sentence& s, const DocCasing* casing,
                               std::vector<uint64_t>* feats, std::vector<uint32_t>* offsets,
                               std::vector<uint64_t>* lower_hashes) {
  const uint32_t n = s.end - s.begin;
  feats->clear();
  offsets->clear();
  infos_.resize(n);
  lower_hashes->resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = doc.tokens[s.begin + i];
    infos_[i] = word_info(t, hash_bytes(t.text));
    (*lower_hashes)[i] = t.lower_hash;
  }
  begin_sentence(doc, s, infos_.data());
  for (uint32_t i = 0; i < n; ++i) {
    offsets->push_back(static_cast<uint32_t>(feats->size()));
    word_features(doc.tokens[s.begin + i], infos_[i], feats);
    context_features(s, i, casing, feats);
  }
  offsets->push_back(static_cast<uint32_t>(feats->size()));
}

int dynamic_features(Tag prev, Tag prev2, uint64_t lower_hash, int history_type, uint64_t* out) {
  int k = 0;
  out[k++] = feature(kTagPrev, prev);
  out[k++] = feature(kTagPrev2, prev2, prev);
  out[k++] = feature(kTagPrevWord, prev, lower_hash);
  if (history_type >= 0) out[k++] = feature(kHistory, static_cast<uint64_t>(history_type));
  return k;
}

// Tags of a sentence start (kOutside) are encoded as a distinct value so that
// "start" and "after O" differ, as in the reference tagger.
constexpr Tag kStartTag = 15;

Tagger::Tagger(const Model* model, const Gazetteer* gazetteer, const WordClusters* clusters)
    : model_(model),
      features_((model->flags & kModelUsesGazetteer) != 0 ? gazetteer : nullptr,
                (model->flags & kModelUsesClusters) != 0 ? clusters : nullptr) {}

void Tagger::tag(const TokenizedText& doc, std::vector<Tag>* tags) {
  tags->assign(doc.tokens.size(), kOutside);
  history_.clear();
  casing_.build(doc);
  for (const Sentence& s : doc.sentences) {
    const uint32_t n = s.end - s.begin;
    scores_.resize(size_t{n} * kNumTags);
    infos_.resize(n);
    keys_.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      keys_[i] = hash_bytes(doc.tokens[s.begin + i].text);
      word_cache_.prefetch(keys_[i]);
    }
    for (uint32_t i = 0; i < n; ++i) {
      const Token& t = doc.tokens[s.begin + i];
      const uint64_t key = keys_[i];
      const CachedWord* cached = word_cache_.find(key);
      if (cached == nullptr) {
        CachedWord c;
        c.info = features_.word_info(t, key);
        c.scores.fill(0.0f);
        feats_.clear();
        features_.word_features(t, c.info, &feats_);
        for (uint64_t f : feats_) model_->add(f, c.scores.data());
        if (word_cache_.size() >= kWordCacheMax) word_cache_.clear();
        cached = word_cache_.get_or_insert(key, c);
      }
      infos_[i] = cached->info;
      std::copy(cached->scores.begin(), cached->scores.end(), &scores_[size_t{i} * kNumTags]);
    }
    // Context features of the whole sentence first, so that the model rows
    // they need are fetched from memory together rather than one by one.
    // Plain tokens (lower case words, punctuation: most of news text), and
    // numbers before one ("1.5 mln"), are tagged O without scoring when they
    // follow O or start the sentence: an entity does not begin with one.
    // Their context features are computed only when they follow an entity
    // ("Bank of England"). Headlines are scored whole: truecasing may have
    // lowered a name there.
    const bool prune = prune_ && !s.headline;
    auto skipped = [&](uint32_t i) {
      return prune &&
             (infos_[i].plain || (infos_[i].number && (i + 1 == n || infos_[i + 1].plain)));
    };
    features_.begin_sentence(doc, s, infos_.data());
    feats_.clear();
    offsets_.clear();
    for (uint32_t i = 0; i < n; ++i) {
      offsets_.push_back(static_cast<uint32_t>(feats_.size()));
      if (!skipped(i)) features_.context_features(s, i, &casing_, &feats_);
    }
    offsets_.push_back(static_cast<uint32_t>(feats_.size()));
    constexpr uint32_t kAhead = 24;  // rows in flight (measured: 24 beats 64)
    const uint32_t nf = static_cast<uint32_t>(feats_.size());
    for (uint32_t k = 0; k < std::min(kAhead, nf); ++k) model_->prefetch(feats_[k]);
    for (uint32_t i = 0; i < n; ++i) {
      float* sc = &scores_[size_t{i} * kNumTags];
      for (uint32_t k = offsets_[i]; k < offsets_[i + 1]; ++k) {
        if (k + kAhead < nf) model_->prefetch(feats_[k + kAhead]);
        model_->add(feats_[k], sc);
      }
    }
    // The previous tag is known only one token ahead: fetch the row of the
    // commonest case (after O) two tokens ahead.
    auto prefetch_after_o = [&](uint32_t i, Tag prev_tag) {
      if (i < n && !skipped(i)) model_->prefetch(feature(kTagPrevWord, prev_tag, infos_[i].hl));
    };
    prefetch_after_o(0, kStartTag);
    prefetch_after_o(1, kOutside);
    Tag prev = kStartTag, prev2 = kStartTag;
    for (uint32_t i = 0; i < n; ++i) {
      prefetch_after_o(i + 2, kOutside);
      Tag best = kOutside;
      if (!skipped(i) || (prev != kStartTag && prev != kOutside)) {
        ++scored_;
        float* sc = &scores_[size_t{i} * kNumTags];
        if (skipped(i)) {
          late_feats_.clear();
          features_.context_features(s, i, &casing_, &late_feats_);
          for (uint64_t f : late_feats_) model_->add(f, sc);
        }
        const std::string& w = doc.tokens[s.begin + i].text;
        int hist = (w.size() > 1 && infos_[i].upper) ? history_.majority(infos_[i].hl) : -1;
        uint64_t dyn[4];
        int nd = dynamic_features(prev, prev2, infos_[i].hl, hist, dyn);
        for (int d = 0; d < nd; ++d) model_->add(dyn[d], sc);
        Tag p = prev == kStartTag ? kOutside : prev;
        for (Tag t = 1; t < kNumTags; ++t)
          if (allowed_transition(p, t) && sc[t] > sc[best]) best = t;
      }
      (*tags)[s.begin + i] = best;
      prev2 = prev;
      prev = best;
    }
    for (uint32_t i = 0; i < n; ++i) {
      Tag t = (*tags)[s.begin + i];
      if (t != kOutside) history_.add(infos_[i].hl, type_of(t));
    }
  }
}

namespace {

// Weights under training: current weights and the running sums for averaging.
class TrainWeights {
 public:
  void score(const uint64_t* f, size_t n, float* sc) const {
    for (size_t k = 0; k < n; ++k) {
      const uint32_t* r = index_.find(f[k]);
      if (r == nullptr) continue;
      const float* w = &w_[size_t{*r} * kNumTags];
      for (int j = 0; j < kNumTags; ++j) sc[j] += w[j];
    }
  }
  void update(const uint64_t* f, size_t n, Tag gold, Tag pred, double c) {
    for (size_t k = 0; k < n; ++k) {
      uint32_t next = static_cast<uint32_t>(index_.size());
      uint32_t r = *index_.get_or_insert(f[k], next);
      if (r == next) {
        w_.resize(w_.size() + kNumTags, 0.0f);
        u_.resize(u_.size() + kNumTags, 0.0);
      }
      size_t base = size_t{r} * kNumTags;
      w_[base + gold] += 1;
      u_[base + gold] += c;
      w_[base + pred] -= 1;
      u_[base + pred] -= c;
    }
  }
  // Adds weight * the averaged weights to *sum.
  void add_averaged(double c, double weight,
                    std::unordered_map<uint64_t, std::array<double, kNumTags>>* sum) const {
    index_.for_each([&](uint64_t f, uint32_t r) {
      size_t base = size_t{r} * kNumTags;
      auto& row = (*sum)[f];
      for (int j = 0; j < kNumTags; ++j) row[j] += weight * (w_[base + j] - u_[base + j] / c);
    });
  }

 private:
  FlatMap<uint32_t> index_;
  std::vector<float> w_;
  std::vector<double> u_;
};

}  // namespace

Model train(const std::vector<TrainingDoc>& docs, const Gazetteer* gazetteer,
            const WordClusters* clusters, const TrainOptions& options) {
  // Static features do not change between epochs: compute them once.
  struct SentFeats {
    std::vector<uint64_t> feats;
    std::vector<uint32_t> offsets;
    std::vector<uint64_t> lower;
  };
  std::vector<std::vector<SentFeats>> cache(docs.size());
  FeatureExtractor fx(gazetteer, clusters);
  DocCasing casing;
  for (size_t d = 0; d < docs.size(); ++d) {
    casing.build(docs[d].text);
    for (const Sentence& s : docs[d].text.sentences) {
      SentFeats sf;
      fx.extract(docs[d].text, s, &casing, &sf.feats, &sf.offsets, &sf.lower);
      cache[d].push_back(std::move(sf));
    }
  }
  std::unordered_map<uint64_t, std::array<double, kNumTags>> sum;
  const int runs = std::max(1, options.runs);
  int epochs_done = 0;
  for (int run = 0; run < runs; ++run) {
    std::vector<size_t> order(docs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    uint64_t rng = (options.seed + static_cast<uint64_t>(run)) * 0x9E3779B97F4A7C15ULL + 1;
    auto next_random = [&]() {
      rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
      return mix64(rng);
    };
    TrainWeights weights;
    double c = 1;
    DocHistory history;
    std::vector<uint64_t> fs;
    std::vector<Tag> pred;
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
      for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[next_random() % i]);
      long mistakes = 0;
      for (size_t d : order) {
        const TrainingDoc& doc = docs[d];
        history.clear();
        pred.assign(doc.text.tokens.size(), kOutside);
        for (size_t si = 0; si < doc.text.sentences.size(); ++si) {
          const Sentence& s = doc.text.sentences[si];
          const SentFeats& sf = cache[d][si];
          Tag prev = kStartTag, prev2 = kStartTag;
          for (uint32_t i = 0; i < s.end - s.begin; ++i) {
            fs.assign(sf.feats.begin() + sf.offsets[i], sf.feats.begin() + sf.offsets[i + 1]);
            const std::string& w = doc.text.tokens[s.begin + i].text;
            int hist = (w.size() > 1 && starts_upper(w)) ? history.majority(sf.lower[i]) : -1;
            uint64_t dyn[4];
            int nd = dynamic_features(prev, prev2, sf.lower[i], hist, dyn);
            fs.insert(fs.end(), dyn, dyn + nd);
            float sc[kNumTags] = {};
            weights.score(fs.data(), fs.size(), sc);
            Tag p = prev == kStartTag ? kOutside : prev;
            Tag best = kOutside;
            for (Tag t = 1; t < kNumTags; ++t)
              if (allowed_transition(p, t) && sc[t] > sc[best]) best = t;
            Tag gold = doc.gold[s.begin + i];
            if (best != gold) {
              weights.update(fs.data(), fs.size(), gold, best, c);
              ++mistakes;
            }
            c += 1;
            pred[s.begin + i] = best;
            prev2 = prev;
            prev = best;
          }
          for (uint32_t i = s.begin; i < s.end; ++i)
            if (pred[i] != kOutside) history.add(sf.lower[i - s.begin], type_of(pred[i]));
        }
      }
      if (options.on_epoch) options.on_epoch(++epochs_done, mistakes);
    }
    weights.add_averaged(c, 1.0 / runs, &sum);
  }
  // Sorted, so that the model does not depend on hash-map order.
  std::vector<std::pair<uint64_t, std::array<double, kNumTags>>> rows(sum.begin(), sum.end());
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  Model m;
  float row[kNumTags];
  for (const auto& [f, w] : rows) {
    bool nonzero = false;
    for (int j = 0; j < kNumTags; ++j) {
      row[j] = static_cast<float>(std::round(w[j] * 1000.0) / 1000.0);
      nonzero |= row[j] != 0.0f;
    }
    if (nonzero) m.set(f, row);
  }
  m.freeze();
  m.flags = (gazetteer != nullptr ? kModelUsesGazetteer : 0) |
            (clusters != nullptr ? kModelUsesClusters : 0);
  m.gazetteer_fingerprint = gazetteer != nullptr ? gazetteer->fingerprint() : 0;
  return m;
}

}  // namespace gazette::ner
