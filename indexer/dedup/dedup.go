package dedup

import (
	"hash/fnv"
	"strings"
	"unicode"
)

// Parameters of the detector.
const (
	shingleWords = 5
	numHashes    = 64
	// bands of numHashes/bands rows: two rows per band make texts with a
	// Jaccard similarity of 0.4 or more candidates almost surely.
	bands = 32
	// Threshold is the containment (shared shingles over the shingles of
	// the shorter text) from which two texts count as the same release:
	// a reprint inside a longer page with its own navigation and footer
	// still counts.
	Threshold = 0.8
	// minShingles: texts shorter than this are never grouped (too little
	// evidence).
	minShingles = 20
)

// Detector groups texts added one by one.
type Detector struct {
	// sigs keeps only each text's MinHash signature (512 bytes), so that
	// a million documents fit in memory; similarity is estimated from it.
	sigs    [][numHashes]uint64
	sizes   []int
	buckets map[uint64][]int
	// group[i] is the index of the first text i duplicates, or i.
	group []int
}

// New returns an empty Detector.
func New() *Detector {
	return &Detector{buckets: map[uint64][]int{}}
}

// Add registers text number len(previous adds) and returns the index of
// an earlier text it duplicates, or -1.
func (d *Detector) Add(text string) int {
	i := len(d.sigs)
	set := shingles(text)
	sig := signature(set)
	d.sigs = append(d.sigs, sig)
	d.sizes = append(d.sizes, len(set))
	d.group = append(d.group, i)
	if len(set) < minShingles {
		return -1
	}
	best, bestSim := -1, 0.0
	seen := map[int]bool{}
	keys := bandKeys(sig)
	for _, k := range keys {
		for _, j := range d.buckets[k] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if sim := containment(estimate(sig, d.sigs[j]), len(set), d.sizes[j]); sim >= Threshold && sim > bestSim {
				best, bestSim = d.group[j], sim
			}
		}
	}
	for _, k := range keys {
		d.buckets[k] = append(d.buckets[k], i)
	}
	if best >= 0 {
		d.group[i] = best
	}
	return best
}

// Similarity is the exact shingle containment of two texts.
func Similarity(a, b string) float64 {
	sa, sb := shingles(a), shingles(b)
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	return containment(jaccard(sa, sb), len(sa), len(sb))
}

func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func shingles(text string) map[uint64]struct{} {
	w := words(text)
	out := make(map[uint64]struct{}, len(w))
	for i := 0; i+shingleWords <= len(w); i++ {
		out[shingleHash(w[i:i+shingleWords])] = struct{}{}
	}
	return out
}

// shingleHash hashes a shingle with FNV-1a: a fixed function (not a
// per-process seed), so that every run folds the same pairs and an
// incremental run on an unchanged corpus changes nothing.
func shingleHash(words []string) uint64 {
	h := fnv.New64a()
	for i, w := range words {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(w))
	}
	return h.Sum64()
}

func signature(set map[uint64]struct{}) [numHashes]uint64 {
	var sig [numHashes]uint64
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for h := range set {
		x := h
		for i := range sig {
			// A cheap family of hash functions: xorshift-multiply of h
			// mixed with the function's index.
			x ^= x >> 33
			x *= 0xff51afd7ed558ccd + uint64(i)*2
			x ^= x >> 29
			if x < sig[i] {
				sig[i] = x
			}
		}
	}
	return sig
}

func bandKeys(sig [numHashes]uint64) []uint64 {
	rows := numHashes / bands
	keys := make([]uint64, bands)
	for b := 0; b < bands; b++ {
		var k uint64 = uint64(b) * 0x9e3779b97f4a7c15
		for _, v := range sig[b*rows : (b+1)*rows] {
			k = (k ^ v) * 0x100000001b3
		}
		keys[b] = k
	}
	return keys
}

// estimate is the MinHash estimate of Jaccard similarity: the share of
// hash functions whose minimum agrees.
func estimate(a, b [numHashes]uint64) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / numHashes
}

// containment turns a Jaccard estimate of sets of sizes a and b into the
// share of the smaller set that the two have in common.
func containment(j float64, a, b int) float64 {
	inter := j * float64(a+b) / (1 + j)
	return min(1, inter/float64(min(a, b)))
}

func jaccard(a, b map[uint64]struct{}) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for h := range a {
		if _, ok := b[h]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
