package web

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestTmpShots(t *testing.T) {
	if os.Getenv("TMPSHOTS") == "" {
		t.Skip()
	}
	bctx, base := browser(t)
	for _, s := range []struct{ name, path string; w, h int64 }{
		{"home", "/", 1280, 900}, {"empty", "/search?q=fentanly&country=Germany", 1280, 800},
		{"bad", "/search?page=x", 1280, 600}, {"more", "/search", 1280, 900}, {"fq", "/search?fq_official=j", 1280, 900},
	} {
		ctx := tab(t, bctx)
		do(t, ctx, chromedp.EmulateViewport(s.w, s.h), chromedp.Navigate(base+s.path), chromedp.WaitVisible(chromedp.CSS("main")))
		png := run(t, ctx, chromedp.FullScreenshot(100))
		os.WriteFile("/tmp/shot-"+s.name+".png", png, 0o644)
	}
}
