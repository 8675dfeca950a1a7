# alumni のメッセージ（日本語）。en.ftl と同じ id と変数をすべて持ちます
# （テストで確認しています）。コード、キー、ファイル名は書かれたとおりに残します。
# 文体は です・ます調。用語: フロントマター、設定ファイル `alumni.toml`、
# リンク切れ、下書き、テーマ、テンプレート。

## 診断の表示

diag-in-file = 場所: { $at }
diag-severity = { $severity ->
    [note] 注記
    [error] エラー
   *[warning] 警告
}

## ほかのメッセージの中で使う言葉

what-named = { $name }
# 「`alumni.toml` の `title` は…」: 後に続く「の」「に」との間に空白を入れます
what-table = `{ $name }`{" "}
detail = { $detail }
label-here = ここ
did-you-mean = `{ $name }` の書き間違いではありませんか？
did-you-mean-folder = { $name } の書き間違いではありませんか？
expected-one-of = 次のいずれかを指定してください: { $names }
cannot-read = 読み込めません: { $detail }
cannot-read-file = ファイルを読み込めません: { $detail }
cannot-read-named = { $name } を読み込めません: { $detail }
key-problem = `{ $key }`: { $problem }
key-problem-plain = { $key }: { $problem }
symlink-loop = シンボリックリンクが循環しています
not-a-file = { $file } は通常のファイルではない（パイプ、ソケット、デバイスのいずれか）ため、無視しました

## TOML の値（alumni.toml とフロントマター）

toml-invalid = TOML の書き方に誤りがあります: { $detail }
type-string = 文字列
type-integer = 整数
type-float = 小数
type-boolean = true / false
type-offset-datetime = 時差付きの日時
type-local-datetime = 日時
type-date = 日付
type-time-of-day = 時刻
type-array = 配列
type-table = テーブル
type-bool = true か false
type-whole-number = 整数
type-array-of-strings = 文字列の配列
type-date-or-datetime = 日付または日時（例: { $key } = { $example }）
fields-wrong-type = { $what }の `{ $key }` は{ $expected }で指定してください（{ $found }が書かれています）
fields-wrong-type-label = { $expected }が必要です
fields-missing = { $what }に必須のキー `{ $key }` がありません
fields-missing-label = ここに `{ $key }` が必要です
fields-missing-note = 書き方の例: { $key } = { $expected }
fields-control-character = { $what }の `{ $key }` に目に見えない制御文字（{ $found }）が含まれていたため、取り除きました
control-character-label = 目に見えない制御文字
control-character-note = 制御文字はウェブページ、フィード、カレンダーに含めることができません
fields-empty = { $what }の `{ $key }` が空です
fields-empty-label = 空ではない文字列が必要です
fields-strings-only = `{ $key }` には文字列だけを指定してください（{ $found }が含まれています）
fields-unknown-key = { $what }に不明なキー `{ $key }` があります
fields-unknown-key-label = 使えないキーです

## 日付、時刻、URL

time-value = `{ $value }`
time-plain = { $value }
time-end-of = { $date } の終わり
time-not-a-date = `{ $value }` は日付や日時として読めません。YYYY-MM-DD（例: 2027-04-01）か RFC 3339 形式の日時（例: 2027-04-01T09:00:00+09:00）で指定してください
time-out-of-range = 扱える日付の範囲を超えています: { $what }（扱えるのは 9999-12-30 の 22:00 UTC までです）
time-of-day-alone = 時刻だけでは足りません。2026-12-05 や 2026-12-05T18:30:00 のように日付を含めてください
time-not-real-date = { $date } は存在しない日付です
time-not-valid-time = { $time } は正しい時刻ではありません
time-bad-offset = 時差の指定が正しくありません: { $detail }
as-of-invalid = --as-of の値が正しくありません: { $problem }
date-invalid-label = 正しくない日付
url-invalid = `{ $url }` は正しい URL ではありません（{ $detail }）
url-scheme = `{ $url }` は http:// または https:// で始めてください
url-no-host = `{ $url }` にホスト名がありません
url-query = `{ $url }` にクエリ（?）やフラグメント（#）は付けられません
url-expected-label = http:// または https:// で始まる完全な URL が必要です
timezone-unknown = タイムゾーン `{ $name }` が見つかりません
timezone-unknown-label-event = "Europe/London" のような IANA のタイムゾーン名が必要です
timezone-unknown-label-config = "Asia/Tokyo" のような IANA のタイムゾーン名が必要です
timezone-hint = タイムゾーンは Asia/Tokyo、Europe/London、America/New_York、UTC のような IANA の名前で指定します

## サイトのフォルダーと設定ファイル alumni.toml

site-missing = { $dir } はフォルダーではありません
site-missing-note = 設定ファイル `alumni.toml` のあるサイトのフォルダーを指定してください。`alumni new DIR` で新しく作れます
config-encoding = { $file } が UTF-8 で保存されていません（{ $offset } バイト目に UTF-8 として読めないバイトがあります）
config-missing = { $dir } に { $file } がありません
config-missing-note = 設定ファイル `alumni.toml` と content/ フォルダーのあるサイトのフォルダーを指定してください。`alumni new DIR` で新しく作れます
config-base-url-label = https://alumni.example.com のような、http:// または https:// で始まる完全な URL が必要です
config-language = `{ $code }` は言語コードではありません
config-language-label-default = "ja" や "en" のような言語コードが必要です
config-language-label = "en" や "zh-TW" のような言語コードが必要です
config-page-size = page_size は 1 から 10000 までの数で指定してください（{ $found } になっています）
config-page-size-label = page_size = 20 のような正の数が必要です
config-brand-example = company = "..." を含む [brand] テーブル
config-color = `{ $value }` は色として読めません
config-color-label = "#1A4D8F" のような 16 進数の色が必要です
config-email = `{ $value }` はメールアドレスではありません
config-email-label = "alumni@example.com" のようなメールアドレスが必要です
config-logo-missing = ロゴ `{ $logo }` が static/ フォルダーにありません
config-logo-missing-label = ファイルがありません
config-logo-missing-note = static/{ $logo } にファイルを置いてください
brand-contrast = { $key } の { $color } は、{ $role }コントラスト比が { $ratio }:1 しかありません。WCAG AA では { $min }:1 以上が必要です
brand-contrast-on-white = 白い背景の上の文字として使うと
brand-contrast-under-text = 上に載せる文字の色との
brand-contrast-note = どなたにも文字が読めるよう、もっと濃い色（アクセントカラーの場合は、はっきりした色）を選んでください
brand-contrast-label = コントラスト不足

## コンテンツのファイル

content-missing = content/ フォルダーがありません。サイトにはメッセージ、イベント、求人、ページがひとつもありません
content-changed = ビルドの途中でファイルが変更されました
content-changed-note = 保存が終わってから、もう一度ビルドしてください
content-symlink-loop = シンボリックリンクが循環しています（このフォルダーが、自分を含むフォルダーを指しています）
content-not-markdown = { $file } は Markdown ファイルではないため、無視しました
content-not-markdown-note = 画像などのファイルは static/ フォルダーに置いてください
content-unknown-section = { $file } は、決められたフォルダー（セクション）に入っていません
content-sections = コンテンツのファイルは { $folders } のいずれかに置きます
content-encoding = ファイルが UTF-8 で保存されていません（{ $line } 行目の { $column } 文字目に、UTF-8 として読めないバイトがあります）
content-encoding-note = ファイルを UTF-8 で保存し直してください
content-unknown-language = ファイル名が言語 `{ $lang }` を示していますが、設定ファイル `alumni.toml` にはその言語がありません
content-unknown-language-note = 設定されている言語: { $langs }。`alumni.toml` に [languages.{ $lang }] を追加するか、ファイル名を変えてください

## フロントマター

what-front-matter-message = メッセージのフロントマター
what-front-matter-event = イベントのフロントマター
what-front-matter-job = 求人のフロントマター
what-front-matter-story = ストーリーのフロントマター
story-years = `years` が { $found } です。在籍年数として読めません
story-years-label = 0 から 80 までの整数を書いてください
story-photo-missing = 写真 `{ $photo }` が static/ にありません
story-photo-missing-label = ファイルがありません
story-photo-missing-note = static/{ $photo } にファイルを置いてください
origin-story-list = ストーリー一覧
what-front-matter-page = ページのフロントマター
frontmatter-empty-file = ファイルが空です
frontmatter-empty-file-note =
    先頭に +++ の行で挟んだフロントマターを書き、その後に Markdown で本文を書いてください:
    +++
    title = "..."
    +++
frontmatter-not-first = ファイルがフロントマターで始まっていません
frontmatter-not-first-label = 1 行目に `+++` が必要です
frontmatter-not-first-note =
    コンテンツのファイルは、+++ の行で挟んだ TOML で始めます。例:
    +++
    title = "..."
    +++
frontmatter-unclosed = フロントマターが閉じられていません
frontmatter-unclosed-label = ここから始まっています
frontmatter-unclosed-note = フロントマターの後に `+++` だけの行を入れてください
tag-invalid = タグには文字か数字が 1 つ以上必要です
tag-invalid-label = 空のタグ
slug-invalid = `slug` の値 `{ $slug }` は{ $why }
slug-invalid-from-file = ファイル名から決まる `slug`（URL の一部になる名前）の値 `{ $slug }` は{ $why }
slug-invalid-note = 英数字、`-`、`_` を使ってください。例: slug = "spring-meetup"
slug-why-empty = 空です
slug-why-start = `.` や `-` で始めることはできません
slug-why-characters = ウェブアドレス（URL）に使えない文字（空白、`/`、`?`、`#`、`%` など）を含んでいます
event-ends-before-start = `ends_at`（終了日時）が `starts_at`（開始日時）より前になっています
event-ends-before-start-label = このままでは、始まる前にイベントが終わってしまいます
event-location-example = "東京・丸の内オフィス"（オンラインのイベントなら online_url = "https://..."）
employment-type-unknown = `employment_type` に指定できない値 `{ $name }` が書かれています
employment-type-unknown-label = 雇用形態として使えない値です
job-closes-before-posted = `valid_through`（応募締切日）が求人の `date`（掲載日）より前になっています
job-closes-before-posted-label = このままでは、掲載する前に募集が締め切られてしまいます
welcome-duplicate = 言語 `{ $lang }` のトップメッセージが 2 つあります
welcome-duplicate-label = ここに welcome = true があります
welcome-duplicate-note = すでに { $file } がトップメッセージです。トップメッセージは言語ごとに 1 つまでです

## Markdown とリンク

markdown-control-character = 本文に目に見えない制御文字（{ $found }）が含まれていたため、取り除きました
link-broken-label = リンク切れ
link-email-note = メールアドレスへのリンクは <{ $address }> または [表示する文字](mailto:{ $address }) と書いてください
link-no-target = リンク先 `{ $dest }` が見つかりません（サイトの { $url } にページもファイルもありません）
link-to-draft = リンク先の { $file } は下書きのため公開されません
link-to-scheduled = リンク先の { $file } は公開日がまだ先のため、このビルドの時点では公開されません
link-to-invalid = リンク先の { $file } にエラーがあります（そのファイルのエラーも表示しています）
link-to-missing = リンク先の { $file } がありません

## 検索エンジン向けの情報（構造化データ）

jobposting-location = 求人に `location` も `remote = true` もありません
jobposting-location-note = 検索エンジンには勤務地（JobPosting.jobLocation）かリモート勤務であること（jobLocationType）が必要です
jobposting-applicant-location = リモートの求人に `location` がありません
jobposting-applicant-location-note = 応募できる方の居住地（例: "日本"）を `location` に書いてください。applicantLocationRequirements として検索エンジンに伝わります
jobposting-valid-through = 求人に応募締切日 `valid_through` がありません
jobposting-valid-through-note = 検索エンジンは JobPosting.validThrough を推奨しています。指定しないと、求人はいつまでも募集中のままになります
jobposting-employment-type = 求人に雇用形態 `employment_type` がありません
jobposting-employment-type-note = 検索エンジンは JobPosting.employmentType を推奨しています
event-end-date = イベントに終了日時 `ends_at` がありません
event-end-date-note = 検索エンジンは Event.endDate を推奨しています

## 出力先のアドレスと static/ のファイル

origin-generated = { $what }（{ $lang }）
origin-home = トップページ
origin-404 = 404 ページ
origin-feed = Atom フィード
origin-calendar = 今後のイベントのカレンダー
origin-message-list = メッセージ一覧
origin-event-list = イベント一覧
origin-job-list = 求人一覧
origin-tag-list = タグ一覧
origin-sitemap = サイトマップ
origin-list-page = { $what }の { $page } ページ目（{ $lang }）
origin-tag-page = タグ `{ $tag }` の { $page } ページ目（{ $lang }）
origin-tag = タグ `{ $tag }` のページ（{ $lang }）
url-collision = { $a } と { $b } が同じアドレス { $url } になります
url-collision-note = どちらかのファイル名を変えるか、フロントマターで `slug` を指定してください
static-unreadable = static/ のファイルを読み込めません: { $detail }

## テーマとテンプレート

theme-missing = テーマ `{ $name }` がありません
theme-missing-label = 不明なテーマ
theme-missing-note = 同梱のテーマ "default" を使うか、サイトに themes/{ $name }/ フォルダーを用意してください
theme-encoding = ファイルが UTF-8 で保存されていません
i18n-missing = テーマ `{ $theme }` には言語 `{ $lang }` の画面の文言がないため、英語を使います
i18n-incomplete = 言語 `{ $lang }` の画面の文言が足りないため、英語を使います: { $keys }
i18n-missing-note = 翻訳するには、既定のテーマの en.toml の文言をその言語に訳して、サイトに i18n/{ $lang }.toml として置いてください。足りない文言はテーマのものが使われます
i18n-unknown-key = { $file } の `{ $key }` はテーマの画面の文言ではないため、サイトのテンプレートで使わない限りどのページにも出ません
i18n-unknown-key-label = テーマの画面の文言ではありません
i18n-unknown-key-note = 使えるキーはテーマの文言で、docs/templates.md の「The default theme's UI strings」に一覧があります
theme-parent-missing = テーマ `{ $theme }` は親に `{ $parent }` を指定していますが、テーマ `{ $parent }` がありません
theme-parent-cycle = テーマ `{ $theme }` の親をたどると、すでに通ったテーマに戻ります: { $chain }
theme-parent-cycle-label = `{ $parent }` はすでに通ったテーマです
template-missing-in-theme = テーマ `{ $theme }` にテンプレート { $template } がありません
template-problem = テンプレートのエラー: { $detail }
template-missing-parent = テンプレート { $template } が継承している { $parent } がありません
template-not-found = テンプレート { $template } がありません
template-while-rendering = { $what } を作成しているときに起きました
template-not-preminified = { $template } はレンダリング前に縮小（minify）できません。ページごとに全体を縮小するため、ビルドが数倍遅くなります
template-not-preminified-label = HTML タグの中の、引用符で囲んだ属性値の外にあるテンプレートタグ（または属性値と同じ引用符を含むもの）
template-not-preminified-deep = 要素の入れ子が実際のページよりも深すぎます
template-not-preminified-changed = 縮小するとタグかテンプレートタグが変わってしまいます（たとえばテンプレートの条件で選ぶタグ）
template-not-preminified-help = 速い経路を保つには、テンプレートタグを HTML タグの外に置いてください。docs/templates.md の "Fast minification" を参照してください
template-hides-language-value = このテンプレートは、言語ごとに全ページ共通の値 `{ $name }` を束縛しています。そのためテンプレートは `{ $name }` を一度書き込む代わりにページごとに参照し、`@{ $name }` を受け取るコンポーネントの一覧項目は、それを載せるページごとにレンダリングされます
template-hides-language-value-label = ほかのテンプレートやコンポーネントから見える場所で `{ $name }` を束縛しています
template-hides-language-value-help = 速い経路を保つには、変数に別の名前を付けるか、ループの中に include・block・コンポーネント呼び出しを置かないでください。docs/templates.md の "Fast paths and what turns them off" を参照してください

## 出力フォルダーへの書き込み

output-refused = { $dir } にはサイトを書き出せません: { $why }
output-refused-note = サイト専用の出力フォルダーを指定してください。例: --output public
output-refused-is-site = サイトのフォルダーそのものです
output-refused-contains-site = サイトのフォルダーを含んでいます
output-refused-inside = サイトの { $folder }/ フォルダーの中です
output-refused-looks-like-site = サイトのフォルダーのようです（content/ か alumni.toml があります）
output-refused-file = ファイルです
output-refused-not-ours = すでにあるフォルダーで、alumni が書き出したものではありません（{ $marker } ファイルがありません）。alumni は、自分で作っていないフォルダーを削除しません
output-write = { $what }: { $detail }
output-cannot-create = { $dir } を作成できません
output-cannot-write-marker = 出力フォルダーの目印のファイルを書き込めません
output-cannot-copy = { $file } をコピーできません
output-cannot-move-aside = 前回の出力 { $dir } を移動できません
output-cannot-move-in = 新しい出力を { $dir } に移動できません
output-cannot-write = { $file } を書き込めません

## build、check、new の結果

verb-build = ビルド
verb-check = チェック
summary = { $outcome ->
    [failed] { $verb }に失敗しました
   *[succeeded] { $verb }は完了しました
}: エラー { $errors } 件、警告 { $warnings } 件
summary-deny-warnings = （--deny-warnings が指定されているため、警告もエラーとして扱いました）
build-done = { $pages } ページとその他のファイル { $others } 個を { $dir } に書き出しました（{ $ms } ミリ秒{ $unchanged ->
    [all] 。すべて前回と同じ内容です
    [some] 。うち { $kept } 個は前回と同じ内容です
   *[none] {""}
}）
check-done = { $dir } にエラーは見つかりませんでした
new-done =
    { $dir } に新しい alumni サイトを作成しました
    次に { $dir }/alumni.toml を編集してから、`alumni build { $dir }` を実行してください
new-not-empty = { $dir } はすでにあり、空ではありません。新しいフォルダーを指定してください
new-cannot-create = { $dir } にサイトを作成できません: { $detail }
error-line = エラー: { $text }

## serve: ターミナルへの表示

serve-started =
    { $dir } を { $url } で公開しています
    ファイルの変更を監視しています。終了するには Ctrl-C を押してください
serve-stopped = 終了しました
serve-warning = 警告: { $text }
serve-built = サイトをビルドしました（ファイル { $files } 個、{ $ms } ミリ秒）
serve-first-build-failed = サイトにエラーが { $errors } 件あります。直すまで、すべてのページにエラーが表示されます（ファイルの変更を監視しています）
serve-rebuild-failed = { $why }の後のビルドで、エラーが { $errors } 件見つかりました。最後に成功したサイトを公開したまま、すべてのページにエラーを表示しています
serve-rebuilt = { $why }の後にビルドしました（{ $ms } ミリ秒）: { $fixed ->
    [yes] エラーが直りました。
   *[no] {""}
}{ $files ->
    [0] 変わったページはありません
   *[other] { $files } 個のファイルを更新しました
}
serve-trigger-unknown = 変更
serve-trigger = { $files }{ $more ->
    [0] {""}
   *[other] {" "}ほか { $more } 個
} の変更
serve-exposed = { $ip } で公開しています。このマシンに接続できる人は誰でもプレビューを見られます
serve-no-browser = ブラウザーを開けませんでした（{ $detail }）。{ $url } をご自分で開いてください
serve-port-moved = ポート { $asked } は使用中のため、ポート { $port } で公開します
serve-watcher-error = ファイルの監視でエラーが起きました: { $detail }
serve-cannot-watch = { $path } を監視できません: { $detail }
serve-site-missing = { $dir } はフォルダーではありません（設定ファイル `alumni.toml` のあるサイトのフォルダーを指定してください）
serve-port-in-use = { $ip } のポート { $port } はすでに使われています（別の `alumni serve` が動いていませんか？）。--port でほかのポートを指定してください
serve-ports-in-use = { $ip } のポート { $first }〜{ $last } はすべて使われています。--port で空いているポートを指定してください
serve-cannot-listen = { $addr } で待ち受けできません: { $detail }
serve-cannot-watch-site = サイトのフォルダーの変更を監視できません: { $detail }
serve-cannot-start = HTTP サーバーを起動できません: { $detail }

## serve: ブラウザーに重ねて表示するエラー

overlay-title = サイトにエラーが { $errors } 件あります
overlay-hide = エラーを隠す
overlay-hide-title = 隠す（Esc）
overlay-note = ファイルを直して保存すると、ページが再読み込みされます。
overlay-note-over-site = 後ろに表示されているのは、最後にビルドに成功した版です。ファイルを直して保存すると、ページが再読み込みされます。
overlay-page-title = サイトにエラーがあります · alumni serve

## --help

help-usage = 使い方:
help-heading-commands = コマンド
help-heading-arguments = 引数
help-heading-options = オプション
help-about = Markdown の文章と TOML のブランド設定から、企業のアルムナイポータルを作ります
help-build = サイトを SITE_DIR/public（または --output で指定したフォルダー）に書き出します
help-check = ビルドと同じ検査（リンクを含む）をすべて行います。ファイルは書き出しません
help-serve = サイトをビルドして公開し、変更のたびにビルドし直して、ブラウザーの表示を更新します
help-new = DIR に、そのまま使える新しいサイトを作ります（日本語が既定の言語で、英語の翻訳つき）
help-help-command = このヘルプ、または指定したコマンドのヘルプを表示します
help-site-dir = サイトのフォルダー（設定ファイル alumni.toml のある場所）
help-drafts = `draft = true` の下書きも、下書きと分かる印をつけて含めます
help-as-of = この日付（YYYY-MM-DD。サイトのタイムゾーンでその日の始まり）または RFC 3339 形式の日時の時点でビルドします [既定: 現在]
help-base-url = alumni.toml の base_url の代わりに使う URL（プレビュー用の公開先など）
help-format = 問題の表示形式: human（人が読む形）、json（1 行に 1 つのオブジェクト）、github（GitHub Actions の注釈）
help-deny-warnings = 警告もエラーとして扱います（終了コード 1）
help-output = SITE_DIR/public の代わりに、このフォルダーに書き出します
help-port = 待ち受けるポート（0 なら空いている任意のポート）[既定: 1111。使用中なら次の空いているポート]
help-bind = 待ち受けるアドレス。ループバック以外のアドレスにすると、ネットワーク上のほかの人にもサイトが見えます
help-open = 既定のウェブブラウザーでサイトを開きます
help-debounce = 変更が途切れてから、このミリ秒数だけ待ってビルドし直します（続けて保存した分は 1 回のビルドにまとめます）
help-new-dir = 作成するフォルダー（まだないフォルダーか、空のフォルダー）
help-help = ヘルプを表示します
help-version = バージョンを表示します
help-default = [既定: { $value }]
help-possible-values = [指定できる値: { $values }]

## 読み込まないファイル、出力フォルダー、タグ、テンプレート

not-read = { $file } は読み込みません: { $why }
refused-outside = サイトの content/、static/、templates/、themes/ フォルダーの外にあるファイルへのシンボリックリンクのため、alumni は読み込みません
refused-outside-help = リンクではなく、ファイルそのものをサイトにコピーしてください
refused-hard-linked = このファイルには名前（ハードリンク）が { $names } つあり、別の名前がサイトの外のファイルかもしれないため、alumni は読み込みません
refused-hard-linked-help = 独立したコピーにしてください（例: `cp FILE tmp && mv tmp FILE`）
refused-not-a-file = 通常のファイルではありません
refused-io = 読み込めません: { $detail }
outside-link = { $file } は、サイトの content/、static/、templates/、themes/ フォルダーの外を指すシンボリックリンクのため、読み込みません
outside-link-note = リンクで指せるのは、これらのフォルダーの中のファイルだけです。ファイルをサイトにコピーしてください
static-not-copied = { $file } はコピーしません: { $why }
time-too-early = 扱える日付の範囲より前です: { $what }（扱えるのは { $first }-01-01 からです）
url-credentials = `{ $url }` にユーザー名かパスワードが含まれています。このままではすべてのページに載ってしまうため、取り除いたアドレスを指定してください
url-no-host-after-slashes = `{ $url }` の `//` の後にホスト名がありません。https://alumni.example.com/ のように指定してください
link-script = `{ $scheme }:` のリンクです。ページへのリンクではなく、コードを実行したり埋め込んだりします
link-script-label = { $scheme }: のリンク
link-script-note = サイトのページかファイルへのリンクにしてください。このようなリンクは、読む人のブラウザーでブロックされることがあります
config-output-keep = `{ $name }` は出力フォルダーに残せません
config-output-keep-label = "CNAME" や ".git" のような、出力フォルダーの一番上にあるファイルかフォルダーの名前が必要です
output-refused-symlink = シンボリックリンクです。リンク先のフォルダーを指定してください
output-foreign = { $dir } には alumni が書き出していない { $names } があります。ビルドはフォルダー全体を置き換えるため、{ $count ->
    [one] これが
   *[other] これらが
}削除されてしまいます
output-foreign-note = または、別の場所に移してください。サイトと一緒に公開するファイルは static/ フォルダーに置きます
output-keep-note =
    出力フォルダーに残すには、alumni.toml に次のように書いてください:
    {"["}output]
    keep = [{ $list }]
output-cannot-lock = 出力フォルダーをロックできません
output-keep-written = `{ $name }` は [output] keep に書かれていますが、ビルドでも書き出されます
output-keep-written-note = 出力フォルダーは何も入れ替えていません。ビルドで書き出すもの（static/ の CNAME など）なら `keep` から外し、出力フォルダーにあるものを残すならサイトから外してください
output-cannot-keep = [output] keep に書かれたファイルを残せません
output-cannot-put-in-place = 新しい出力を { $dir } と入れ替えられません
output-cannot-replace = { $dir } の中身を入れ替えられません
output-nothing-more = この後、出力フォルダーには何も書き込んでいません
tag-clash = タグ `{ $name }` と `{ $first }` が同じページ /tags/{ $slug }/ になってしまいます
tag-clash-label = このタグ
tag-clash-first = `{ $first }` は { $file } のタグです
tag-clash-note = タグの URL には文字と数字だけが残ります。同じ書き方にそろえるか、文字や数字が違う名前にしてください
template-cycle = テンプレート { $template } が自分自身を{ $tag ->
    [include] 取り込んで
   *[extends] 継承して
}います: { $chain }
template-cycle-label = `{ $next }` の { $tag }
template-also = ほかにも: { $detail }（{ $at }）
serve-internal-error = 内部エラーのため、サーバーが停止しました（上の表示を確認してください）
