package clean

import "strings"

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var stopwordsEN = set(`a about after all also an and any are as at be been but by can could did do does for from had has have he her his how i if in into is it its more most no not of on or our out over said she so some than that the their them then there these they this those to up was we were what when which who will with would you your`)

// langStopwords are frequent function words that set the languages apart.
var langStopwords = map[string]map[string]bool{
	"en": set(`the and of to in is that for with was on as by are this be from have has were which their will an not it its at he she they said would`),
	"es": set(`el la los las de del que y en un una por con para es se al lo como su sus más pero fue ha han este esta entre sobre también según`),
	"fr": set(`le la les de des du et en un une est que qui pour dans par sur au aux avec ce cette il elle sont ont pas plus nous vous`),
	"it": set(`il lo la gli le di del della dei che e è in un una per con non sono ha nel nella alla al anche come più tra`),
	"de": set(`der die das und ist nicht zu den mit von sich des auf für im dem ein eine auch es an als wird bei nach wie`),
	"pt": set(`o os a as de do da dos das que e em um uma para com não por se ao mais como foi são na no pela pelo também`),
}

// DetectLang guesses the language of text from its stop words; it returns
// "en" for short or undecided text.
func DetectLang(text string) string {
	counts := map[string]int{}
	n := 0
	for _, w := range wordsOf(text) {
		n++
		for lang, sw := range langStopwords {
			if sw[w] {
				counts[lang]++
			}
		}
		if n >= 400 {
			break
		}
	}
	best, bestN := "en", counts["en"]
	for _, lang := range []string{"es", "fr", "it", "de", "pt"} {
		if counts[lang] > bestN {
			best, bestN = lang, counts[lang]
		}
	}
	if bestN < 3 {
		return "en"
	}
	return best
}
