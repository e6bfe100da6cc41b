package corpus

import (
	"reflect"
	"strings"
	"testing"
)

const correctStory = "Ferry service returns to the northern islands\n\n" +
	"By Lena Holm\n\n" +
	"Photo: The new ferry leaves Karvik harbour. (Lena Holm/Harbour Gazette)\n\n" +
	"The ferry between Karvik and the northern islands ran again on Monday after a winter without service, to the relief of islanders.\n\n" +
	"Two crossings a day are planned until June, when a third will be added for the summer visitors.\n\n" +
	"The operator said tickets would cost the same as last year.\n\n" +
	"Sign up for our morning newsletter"

func TestRecleanUsesTheFormatsCleaner(t *testing.T) {
	page := "<html><head><title>Ferry returns</title></head><body><article><h1>Ferry returns</h1>" +
		"<p>The ferry between Karvik and the northern islands ran again on Monday after a winter without service.</p>" +
		"<p>Two crossings a day are planned until June, when a third will be added for the summer visitors.</p>" +
		"<p>The operator said tickets would cost the same as last year, and that the timetable would be posted.</p>" +
		"</article></body></html>"
	dir := write(t, t.TempDir(), map[string]string{"p.html": page, "m.md": "# Ferry\n\n" + correctStory, "j.jsonl": `{"id":"j1","text":"` + strings.ReplaceAll(correctStory, "\n", `\n`) + `"}` + "\n"})
	c := mustOpen(t, dir)
	for i := range c.Items {
		a, err := c.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		if got := Reclean(a, nil); got.Text != a.Text || !reflect.DeepEqual(got.Removed, a.Removed) {
			t.Fatalf("%s (%s): Reclean without corrections is not the loaded text:\n%s\n---\n%s", a.ID, a.Format, got.Text, a.Text)
		}
	}
}
