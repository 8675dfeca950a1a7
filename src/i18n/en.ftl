# alumni's messages in English. Every id here is also in ja.ftl, with the
# same variables (a test checks). Code, keys and file names stay as written.

## How diagnostics are printed

diag-in-file = in { $at }
diag-severity = { $severity ->
    [note] note
    [error] error
   *[warning] warning
}

## Words used inside other messages

what-named = { $name }
# alumni.toml or one of its tables, e.g. "[brand]", in the messages about its keys
what-table = { $name }
detail = { $detail }
label-here = here
did-you-mean = did you mean `{ $name }`?
did-you-mean-folder = did you mean { $name }?
expected-one-of = expected one of: { $names }
cannot-read = cannot read: { $detail }
cannot-read-file = cannot read file: { $detail }
cannot-read-named = cannot read { $name }: { $detail }
key-problem = `{ $key }`: { $problem }
key-problem-plain = { $key }: { $problem }
symlink-loop = symbolic link loop
not-a-file = { $file } is not a regular file (a pipe, socket or device) and is ignored

## TOML values (alumni.toml and front matter)

toml-invalid = invalid TOML: { $detail }
type-string = a string
type-integer = an integer
type-float = a float
type-boolean = a boolean
type-offset-datetime = a date-time with offset
type-local-datetime = a local date-time
type-date = a date
type-time-of-day = a time of day
type-array = an array
type-table = a table
type-bool = true or false
type-whole-number = a whole number
type-array-of-strings = an array of strings
type-date-or-datetime = a date or date-time (e.g. { $key } = { $example })
fields-wrong-type = `{ $key }` in { $what } must be { $expected }, found { $found }
fields-wrong-type-label = expected { $expected }
fields-missing = { $what } is missing the required key `{ $key }`
fields-missing-label = `{ $key }` is required here
fields-missing-note = expected: { $key } = { $expected }
fields-control-character = `{ $key }` in { $what } contains { $found }, removed
control-character-label = invisible control character
control-character-note = control characters cannot appear in web pages, feeds or calendars
fields-empty = `{ $key }` in { $what } is empty
fields-empty-label = expected a non-empty string
fields-strings-only = `{ $key }` must hold strings only, found { $found }
fields-unknown-key = unknown key `{ $key }` in { $what }
fields-unknown-key-label = not a known key

## Dates, times and URLs

time-value = `{ $value }`
time-plain = { $value }
time-end-of = the end of { $date }
time-not-a-date = `{ $value }` is not a date or time; expected YYYY-MM-DD (e.g. 2027-04-01) or an RFC 3339 time (e.g. 2027-04-01T09:00:00+09:00)
time-out-of-range = { $what } is beyond the supported range of dates, which ends on 9999-12-30 (at 22:00 UTC)
time-of-day-alone = a time of day alone is not enough; expected a date such as 2026-12-05 or 2026-12-05T18:30:00
time-not-real-date = { $date } is not a real date
time-not-valid-time = { $time } is not a valid time
time-bad-offset = { $detail }
as-of-invalid = --as-of { $problem }
date-invalid-label = invalid date
url-invalid = `{ $url }` is not a valid URL ({ $detail })
url-scheme = `{ $url }` must start with http:// or https://
url-no-host = `{ $url }` has no host name
url-query = `{ $url }` must not have a query (?) or fragment (#)
url-expected-label = expected an absolute http(s) URL
timezone-unknown = unknown time zone `{ $name }`
timezone-unknown-label-event = expected an IANA name such as "Europe/London"
timezone-unknown-label-config = expected an IANA time zone name, e.g. "Asia/Tokyo"
timezone-hint = time zones are IANA names such as Asia/Tokyo, Europe/London, America/New_York or UTC

## The site folder and alumni.toml

site-missing = { $dir } is not a folder
site-missing-note = expected a site folder with alumni.toml; `alumni new DIR` creates one
config-encoding = { $file } is not valid UTF-8 (invalid byte at offset { $offset })
config-missing = no { $file } in { $dir }
config-missing-note = expected a site folder with alumni.toml and content/; `alumni new DIR` creates one
config-base-url-label = expected an absolute http(s) URL, e.g. https://alumni.example.com
config-language = `{ $code }` is not a language code
config-language-label-default = expected a code such as "ja" or "en"
config-language-label = expected a code such as "en" or "zh-TW"
config-page-size = page_size must be between 1 and 10000, found { $found }
config-page-size-label = expected a positive number, e.g. page_size = 20
config-brand-example = a [brand] table with company = "..."
config-color = `{ $value }` is not a colour
config-color-label = expected a hex colour such as "#1A4D8F"
config-email = `{ $value }` is not an email address
config-email-label = expected an address such as "alumni@example.com"
config-logo-missing = the logo `{ $logo }` is not in static/
config-logo-missing-label = no such file
config-logo-missing-note = expected the file static/{ $logo }
brand-contrast = { $key } { $color } has a contrast of { $ratio }:1 { $role }; WCAG AA needs at least { $min }:1
brand-contrast-on-white = as text on a white background
brand-contrast-under-text = under its text colour
brand-contrast-note = choose a darker (or, for the accent colour, a clearer) shade so every visitor can read the text
brand-contrast-label = low contrast

## Content files

content-missing = there is no content/ folder; the site has no messages, events, jobs or pages
content-changed = the file changed while the site was being built
content-changed-note = build again once it is saved
content-symlink-loop = symbolic link loop: this folder links back to one that contains it
content-not-markdown = { $file } is not a Markdown file and is ignored
content-not-markdown-note = put images and other files in static/
content-unknown-section = { $file } is not in a known section
content-sections = content files go in { $folders }
content-encoding = file is not valid UTF-8: invalid byte at line { $line }, column { $column }
content-encoding-note = save the file as UTF-8
content-unknown-language = the file name says language `{ $lang }`, which alumni.toml does not declare
content-unknown-language-note = declared languages: { $langs }; add [languages.{ $lang }] to alumni.toml or rename the file

## Front matter

what-front-matter-message = the front matter of a message
what-front-matter-event = the front matter of an event
what-front-matter-job = the front matter of a job
what-front-matter-story = the front matter of a story
story-years = `years` is { $found }, which cannot be a number of years at the company
story-years-label = expected a whole number from 0 to 80
story-photo-missing = the photo `{ $photo }` is not in static/
story-photo-missing-label = no such file
story-photo-missing-note = expected the file static/{ $photo }
origin-story-list = story list
what-front-matter-page = the front matter of a page
frontmatter-empty-file = the file is empty
frontmatter-empty-file-note =
    expected front matter between +++ lines, then Markdown:
    +++
    title = "..."
    +++
frontmatter-not-first = the file does not start with front matter
frontmatter-not-first-label = expected `+++` on the first line
frontmatter-not-first-note =
    a content file starts with TOML between +++ lines, e.g.
    +++
    title = "..."
    +++
frontmatter-unclosed = the front matter is never closed
frontmatter-unclosed-label = opened here
frontmatter-unclosed-note = expected a line with only `+++` after the front matter
tag-invalid = a tag needs at least one letter or digit
tag-invalid-label = empty tag
slug-invalid = slug `{ $slug }` { $why }
slug-invalid-from-file = the file name gives the slug `{ $slug }`, which { $why }
slug-invalid-note = expected letters, digits, `-` or `_`, e.g. slug = "spring-meetup"
slug-why-empty = is empty
slug-why-start = must not start with `.` or `-`
slug-why-characters = has characters that do not belong in a URL (spaces, `/`, `?`, `#`, `%`...)
event-ends-before-start = `ends_at` is before `starts_at`
event-ends-before-start-label = the event would end before it starts
event-location-example = "Tokyo, Marunouchi office" (or online_url = "https://..." for an online event)
employment-type-unknown = unknown employment_type `{ $name }`
employment-type-unknown-label = not an employment type
job-closes-before-posted = `valid_through` is before the job's `date`
job-closes-before-posted-label = the job would close before it is posted
welcome-duplicate = a second welcome message for language `{ $lang }`
welcome-duplicate-label = welcome = true here
welcome-duplicate-note = { $file } is already the welcome message; at most one per language

## Markdown and links

markdown-control-character = the text contains { $found }, removed
link-broken-label = broken link
link-email-note = for an email address, write <{ $address }> or [text](mailto:{ $address })
link-no-target = links to `{ $dest }`, but the site has no page or file at { $url }
link-to-draft = links to { $file }, which is a draft and not published
link-to-scheduled = links to { $file }, which is scheduled for later and not published as of this build
link-to-invalid = links to { $file }, which has errors (reported for that file)
link-to-missing = links to { $file }, which does not exist

## Search engines (structured data)

jobposting-location = job has neither `location` nor `remote = true`
jobposting-location-note = search engines need a job location (JobPosting.jobLocation) or remote work (jobLocationType)
jobposting-applicant-location = remote job without `location`
jobposting-applicant-location-note = set `location` to where applicants may live (e.g. "Japan"); it becomes applicantLocationRequirements
jobposting-valid-through = job has no `valid_through` date
jobposting-valid-through-note = search engines recommend JobPosting.validThrough; without it the job stays open forever
jobposting-employment-type = job has no `employment_type`
jobposting-employment-type-note = search engines recommend JobPosting.employmentType
event-end-date = event has no `ends_at`
event-end-date-note = search engines recommend Event.endDate

## Output addresses and static files

origin-generated = the { $what } ({ $lang })
origin-home = home page
origin-404 = 404 page
origin-feed = Atom feed
origin-calendar = calendar of upcoming events
origin-message-list = message list
origin-event-list = event list
origin-job-list = job list
origin-tag-list = tag list
origin-sitemap = the sitemap
origin-list-page = page { $page } of the { $what } ({ $lang })
origin-tag-page = page { $page } of tag `{ $tag }` ({ $lang })
origin-tag = the page of tag `{ $tag }` ({ $lang })
url-collision = { $a } and { $b } both map to { $url }
url-collision-note = give one of them another file name, or set `slug` in its front matter
static-unreadable = cannot read static file: { $detail }

## Themes and templates

theme-missing = there is no theme `{ $name }`
theme-missing-label = unknown theme
theme-missing-note = expected the bundled theme "default" or a folder themes/{ $name }/ in the site
theme-encoding = file is not valid UTF-8
i18n-missing = theme `{ $theme }` has no UI strings for language `{ $lang }`; using English
i18n-incomplete = UI strings missing for `{ $lang }`, English used: { $keys }
i18n-missing-note = to translate them, add i18n/{ $lang }.toml to the site with the strings of the default theme's en.toml in your language; any string it lacks comes from the theme
i18n-unknown-key = `{ $key }` in { $file } is not a UI string of the theme, so no page shows it unless a template of the site does
i18n-unknown-key-label = not a UI string of the theme
i18n-unknown-key-note = the keys are the theme's strings, listed in docs/templates.md ("The default theme's UI strings")
theme-parent-missing = theme `{ $theme }` names `{ $parent }` as its parent, and there is no theme `{ $parent }`
theme-parent-cycle = the parents of theme `{ $theme }` lead back to a theme already in the line: { $chain }
theme-parent-cycle-label = `{ $parent }` is already in the line
template-missing-in-theme = theme `{ $theme }` has no template { $template }
template-problem = { $detail }
template-missing-parent = template { $template } extends { $parent }, which does not exist
template-not-found = template { $template } does not exist
template-while-rendering = while rendering { $what }
template-not-preminified = { $template } cannot be minified before rendering: every page is minified whole, which makes builds several times slower
template-not-preminified-label = a template tag inside an HTML tag, outside a quoted attribute value (or holding the value's quote)
template-not-preminified-deep = its elements are nested deeper than any real page
template-not-preminified-changed = minifying it would change a tag or a template tag (tags that the template's logic chooses between, for example)
template-not-preminified-help = to keep the fast path, keep template tags out of HTML tags: see "Fast minification" in docs/templates.md
template-hides-language-value = this template binds `{ $name }`, a value every page of a language shares: templates look `{ $name }` up on every page instead of having it written in once, and list items whose component asks for `@{ $name }` are rendered on every page that lists them
template-hides-language-value-label = binds `{ $name }` where other templates or components see it
template-hides-language-value-help = to keep the fast paths, give the variable another name, or keep the loop's body free of includes, blocks and component calls: see "Fast paths and what turns them off" in docs/templates.md

## Writing the output folder

output-refused = refusing to write the site to { $dir }: { $why }
output-refused-note = choose an output folder of its own, e.g. --output public
output-refused-is-site = it is the site folder itself
output-refused-contains-site = it contains the site folder
output-refused-inside = it is inside the site's { $folder }/ folder
output-refused-looks-like-site = it looks like a site folder (it has content/ or alumni.toml)
output-refused-file = it is a file
output-refused-not-ours = it already exists and was not written by alumni (it has no { $marker } file); alumni never deletes folders it did not create
output-write = { $what }: { $detail }
output-cannot-create = cannot create { $dir }
output-cannot-write-marker = cannot write the output marker
output-cannot-copy = cannot copy { $file }
output-cannot-move-aside = cannot move the previous output { $dir } aside
output-cannot-move-in = cannot move the new output into { $dir }
output-cannot-write = cannot write { $file }

## Summary lines of build, check and new

verb-build = build
verb-check = check
summary = { $verb } { $outcome ->
    [failed] failed
   *[succeeded] succeeded
}: { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}
summary-deny-warnings = (warnings are errors because of --deny-warnings)
build-done = Built { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
} and { $others ->
    [one] { $others } other file
   *[other] { $others } other files
} into { $dir } in { $ms } ms{ $unchanged ->
    [all] {" "}(all unchanged)
    [some] {" "}({ $kept } unchanged)
   *[none] {""}
}
check-done = No errors found in { $dir }
new-done =
    Created a new alumni site in { $dir }
    Next: edit { $dir }/alumni.toml, then run `alumni build { $dir }`
new-not-empty = { $dir } already exists and is not empty; choose a new folder
new-cannot-create = cannot create the site in { $dir }: { $detail }
error-line = error: { $text }

## serve: the terminal

serve-started =
    Serving { $dir } at { $url }
    Watching for changes; press Ctrl-C to stop
serve-stopped = Stopped
serve-warning = warning: { $text }
serve-built = Built the site ({ $files ->
    [one] { $files } file
   *[other] { $files } files
}) in { $ms } ms
serve-first-build-failed = The site has { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}: every page shows them until they are fixed (watching for changes)
serve-rebuild-failed = Rebuild after { $why } failed with { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}; still serving the last good site, with the errors shown on every page
serve-rebuilt = Rebuilt after { $why } in { $ms } ms: { $fixed ->
    [yes] errors fixed,{" "}
   *[no] {""}
}{ $files ->
    [0] no page changed
    [one] { $files } file updated
   *[other] { $files } files updated
}
serve-trigger-unknown = a change
serve-trigger = changes to { $files }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}
serve-exposed = serving on { $ip }: anyone who can reach this machine can see the preview
serve-no-browser = could not open a browser ({ $detail }); open { $url } yourself
serve-port-moved = port { $asked } is in use; serving on port { $port } instead
serve-watcher-error = file watcher: { $detail }
serve-cannot-watch = cannot watch { $path }: { $detail }
serve-site-missing = { $dir } is not a folder (expected a site folder with alumni.toml)
serve-port-in-use = port { $port } on { $ip } is already in use (is another `alumni serve` running?); choose another with --port
serve-ports-in-use = ports { $first }-{ $last } on { $ip } are all in use; choose a free one with --port
serve-cannot-listen = cannot listen on { $addr }: { $detail }
serve-cannot-watch-site = cannot watch the site folder for changes: { $detail }
serve-cannot-start = cannot start the HTTP server: { $detail }

## serve: the error overlay in the browser

overlay-title = The site has { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}
overlay-hide = Hide the errors
overlay-hide-title = Hide (Esc)
overlay-note = Fix the file and save: the page reloads.
overlay-note-over-site = Underneath is the last version that built. Fix the file and save: the page reloads.
overlay-page-title = The site has errors · alumni serve

## --help (English help is clap's, from the doc comments in src/cli.rs; these
## are the same words, kept equal by a test)

help-usage = Usage:
help-heading-commands = Commands
help-heading-arguments = Arguments
help-heading-options = Options
help-about = Build corporate alumni portals from Markdown and a TOML brand config
help-build = Build the site into SITE_DIR/public (or --output)
help-check = Validate everything a build validates (links included); writes nothing
help-serve = Build, serve and rebuild on every change, with live reload in the browser
help-new = Create a new, working site in DIR (Japanese default, English translation)
help-help-command = Print this message or the help of the given subcommand(s)
help-site-dir = The site folder (holding alumni.toml)
help-drafts = Include content marked `draft = true`, visibly marked as draft
help-as-of = Build as of this date (YYYY-MM-DD, start of day in the site's time zone) or RFC 3339 time [default: now]
help-base-url = Override base_url from alumni.toml (e.g. for preview deployments)
help-format = How to print problems: human, json (one object per line) or github (workflow annotations)
help-deny-warnings = Treat warnings as errors (exit 1)
help-output = Write the site here instead of SITE_DIR/public
help-port = The port to listen on (0: any free port) [default: 1111, or the next free one]
help-bind = The address to listen on; anything but a loopback address shows the site to the network
help-open = Open the site in the default web browser
help-debounce = Wait this many milliseconds without another change before rebuilding (saves closer together make one rebuild)
help-new-dir = The folder to create (must not exist, or be empty)
help-help = Print help
help-version = Print version
help-default = [default: { $value }]
help-possible-values = [possible values: { $values }]

## Files alumni does not read, output folders, tags and templates (hardening)

not-read = { $file } is not read: { $why }
refused-outside = it is a symbolic link to a file outside the site's content/, static/, templates/ and themes/ folders; alumni does not read it
refused-outside-help = copy the file into the site instead of linking to it
refused-hard-linked = it has { $names } names (hard links), and a file with other names may be a file from outside the site; alumni does not read it
refused-hard-linked-help = make it a copy of its own (for example `cp FILE tmp && mv tmp FILE`)
refused-not-a-file = it is not a regular file
refused-io = cannot read it: { $detail }
outside-link = { $file } is a symbolic link that leads outside the site's content/, static/, templates/ and themes/ folders; it is not read
outside-link-note = links may only lead to files inside those folders; copy the file into the site instead
static-not-copied = { $file } is not copied: { $why }
time-too-early = { $what } is before the supported range of dates, which starts on { $first }-01-01
url-credentials = `{ $url }` holds a user name or password, which every page would publish; give the address without them
url-no-host-after-slashes = `{ $url }` has no host name after `//`; expected e.g. https://alumni.example.com/
link-script = a `{ $scheme }:` link: it runs or embeds code instead of leading to a page
link-script-label = { $scheme }: link
link-script-note = link to a page or a file of the site instead; readers' browsers may block such links
config-output-keep = `{ $name }` cannot be kept in the output
config-output-keep-label = expected the name of a file or folder at the top of the output, e.g. "CNAME" or ".git"
output-refused-symlink = it is a symbolic link; give the folder it leads to instead
output-foreign = { $dir } holds { $names }, which alumni did not write; a build replaces the whole folder and would delete { $count ->
    [one] it
   *[other] them
}
output-foreign-note = or move them elsewhere; files to publish with the site belong in static/
output-keep-note =
    to keep them in the output, list them in alumni.toml:
    {"["}output]
    keep = [{ $list }]
output-cannot-lock = cannot lock the output folder
output-keep-written = `{ $name }` is listed in [output] keep, and the build writes it too
output-keep-written-note = nothing was replaced: take it out of `keep` if the build should write it (a CNAME in static/), or out of the site if the output's copy is to stay
output-cannot-keep = cannot keep the files listed in [output] keep
output-cannot-put-in-place = cannot put the new output in place of { $dir }
output-cannot-replace = cannot replace the contents of { $dir }
output-nothing-more = nothing more was written to the output after this
tag-clash = the tags `{ $name }` and `{ $first }` would share one page, /tags/{ $slug }/
tag-clash-label = this tag
tag-clash-first = `{ $first }` is a tag of { $file }
tag-clash-note = tag URLs keep only letters and digits; spell the tags alike, or differently enough to differ in letters
template-cycle = template { $template } { $tag ->
    [include] includes
   *[extends] extends
} itself: { $chain }
template-cycle-label = { $tag } of `{ $next }`
template-also = also: { $detail } ({ $at })
serve-internal-error = the server stopped because of an internal error (see above)
