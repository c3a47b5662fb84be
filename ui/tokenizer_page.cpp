#include "tokenizer_page.h"
#include "core_text.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

#include <chattrain/tokenizer.h>
#include <chattrain/workflow.h>

#include "background_task.h"
#include "format.h"
#include "studio.h"

namespace chattrain::ui {

namespace {
enum DatasetColumn { NameColumn, KindColumn, CharactersPerTokenColumn, ByteTokensColumn, DatasetColumns };
}

TokenizerPage::TokenizerPage(Studio& studio, QWidget* parent)
    : Page(parent), studio_(studio), task_(new BackgroundTask(this)), measure_(new BackgroundTask(this)) {
  settings_box_ = new QGroupBox(this);
  vocab_label_ = new QLabel(settings_box_);
  vocab_ = new QSpinBox(settings_box_);
  vocab_->setRange(256, 128000);
  vocab_->setSingleStep(500);
  vocab_->setValue(TokenizerTrainOptions{}.vocab_size);
  vocab_help_ = new QLabel(settings_box_);
  type_label_ = new QLabel(settings_box_);
  type_ = new QComboBox(settings_box_);
  type_->addItem(QStringLiteral("BPE"), QStringLiteral("bpe"));
  type_->addItem(QStringLiteral("Unigram"), QStringLiteral("unigram"));
  type_help_ = new QLabel(settings_box_);
  coverage_label_ = new QLabel(settings_box_);
  coverage_ = new QDoubleSpinBox(settings_box_);
  coverage_->setDecimals(4);
  coverage_->setRange(0.98, 1.0);
  coverage_->setSingleStep(0.001);
  coverage_->setValue(TokenizerTrainOptions{}.character_coverage);
  coverage_help_ = new QLabel(settings_box_);
  for (auto* help : {vocab_help_, type_help_, coverage_help_}) mark_as_help(help);
  train_ = new QPushButton(settings_box_);
  cancel_ = new QPushButton(settings_box_);
  progress_ = new QProgressBar(settings_box_);
  status_ = new QLabel(settings_box_);
  status_->setWordWrap(true);
  current_ = new QLabel(settings_box_);
  current_->setWordWrap(true);

  auto* grid = new QGridLayout(settings_box_);
  grid->addWidget(vocab_label_, 0, 0);
  grid->addWidget(vocab_, 0, 1);
  grid->addWidget(vocab_help_, 0, 2);
  grid->addWidget(type_label_, 1, 0);
  grid->addWidget(type_, 1, 1);
  grid->addWidget(type_help_, 1, 2);
  grid->addWidget(coverage_label_, 2, 0);
  grid->addWidget(coverage_, 2, 1);
  grid->addWidget(coverage_help_, 2, 2);
  auto* row = new QHBoxLayout;
  row->addWidget(train_);
  row->addWidget(cancel_);
  row->addWidget(progress_, 1);
  grid->addLayout(row, 3, 0, 1, 3);
  grid->addWidget(status_, 4, 0, 1, 3);
  grid->addWidget(current_, 5, 0, 1, 3);
  grid->setColumnStretch(2, 1);

  datasets_box_ = new QGroupBox(this);
  datasets_ = new QTableWidget(0, DatasetColumns, datasets_box_);
  datasets_->verticalHeader()->hide();
  datasets_->setSelectionMode(QAbstractItemView::NoSelection);
  datasets_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  datasets_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  datasets_->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);  // the figures stay beside their headers
  datasets_->setMaximumHeight(datasets_->fontMetrics().height() * 9);
  datasets_help_ = new QLabel(datasets_box_);
  datasets_help_->setWordWrap(true);
  mark_as_help(datasets_help_);
  auto* datasets_layout = new QVBoxLayout(datasets_box_);
  datasets_layout->addWidget(datasets_);
  datasets_layout->addWidget(datasets_help_);

  view_box_ = new QGroupBox(this);
  input_ = new QPlainTextEdit(view_box_);
  input_->setMaximumHeight(90);
  pieces_ = new QTextBrowser(view_box_);
  stats_ = new QLabel(view_box_);
  auto* view_layout = new QVBoxLayout(view_box_);
  view_layout->addWidget(input_);
  view_layout->addWidget(pieces_, 1);
  view_layout->addWidget(stats_);

  // Below the header the page scrolls when the window is too short for it (presentation mode at
  // 1280×800): squeezed, the help texts lost their second lines and the pieces their room.
  pieces_->setMinimumHeight(pieces_->fontMetrics().height() * 5);
  auto* body = new QWidget;
  auto* body_layout = new QVBoxLayout(body);
  body_layout->setContentsMargins(0, 0, 0, 0);
  body_layout->addWidget(settings_box_);
  body_layout->addWidget(datasets_box_);
  body_layout->addWidget(view_box_, 1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(body);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header_);
  layout->addWidget(scroll, 1);

  connect(train_, &QPushButton::clicked, this, &TokenizerPage::train);
  connect(cancel_, &QPushButton::clicked, task_, &BackgroundTask::cancel);
  connect(input_, &QPlainTextEdit::textChanged, this, &TokenizerPage::update_view);
  connect(&studio_, &Studio::project_changed, this, &TokenizerPage::load_tokenizer);
  connect(&studio_, &Studio::tokenizer_changed, this, &TokenizerPage::load_tokenizer);
  connect(&studio_, &Studio::datasets_changed, this, &TokenizerPage::list_datasets);
  connect(&studio_, &Studio::project_closing, this, [this] {
    ++measure_generation_;  // what it measures is not shown any more
    measure_->cancel();
  });
  connect(measure_, &BackgroundTask::finished, this, [this] {
    if (measure_again_) {
      measure_again_ = false;
      measure();
    }
  });
  connect(task_, &BackgroundTask::finished, this, [this](bool ok, const QString& message) {
    status_->setText(message);
    status_->setStyleSheet(ok ? QString() : QStringLiteral("color: #c0392b"));
    if (ok) Q_EMIT studio_.tokenizer_changed();
  });
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, &TokenizerPage::update_progress);
  timer->start(100);
  input_->setPlainText(QString::fromUtf8("《静夜思》李白\n床前明月光，疑是地上霜。 Hello, world! 😀"));
  retranslate();
  load_tokenizer();
}

TokenizerPage::~TokenizerPage() {
  measure_->cancel();  // its work posts to this page: done before the page goes
  measure_->wait();
}

void TokenizerPage::retranslate() {
  set_header();
  settings_box_->setTitle(tr("Train a tokenizer"));
  view_box_->setTitle(tr("Try it: type any text"));
  vocab_label_->setText(tr("Vocabulary size"));
  vocab_help_->setText(tr("How many pieces the model knows. Larger: shorter sequences but a bigger embedding table."));
  type_label_->setText(tr("Algorithm"));
  type_help_->setText(tr("BPE merges frequent pairs; Unigram keeps the likeliest pieces. Both are SentencePiece."));
  coverage_label_->setText(tr("Character coverage"));
  coverage_help_->setText(tr("Share of characters kept whole; the rarest are spelled as UTF-8 bytes, so nothing is ever unknown."));
  datasets_box_->setTitle(tr("Datasets: what it learns from, and how it splits them"));
  datasets_->setHorizontalHeaderLabels({tr("Dataset (✓ learns from it)"), tr("Kind"), tr("Characters per token"), tr("Byte tokens")});
  datasets_help_->setText(tr("Measured on held-out documents of text datasets and on the messages of dialogue datasets. Byte tokens "
                             "spell characters the tokenizer never learned as raw UTF-8 bytes: check a dataset with many, then train "
                             "again. More characters per token: shorter sequences, more text in the model's context."));
  train_->setText(tr("Train tokenizer"));
  cancel_->setText(tr("Cancel"));
  update_view();
  update_current();
  list_datasets();
}

void TokenizerPage::train() {
  if (!studio_.project() || task_->running()) return;
  TokenizerTrainOptions options;
  options.vocab_size = vocab_->value();
  options.model_type = type_->currentData().toString().toStdString();
  options.character_coverage = coverage_->value();
  std::vector<std::string> chosen;
  for (int row = 0; row < datasets_->rowCount(); ++row)
    if (datasets_->item(row, NameColumn)->checkState() == Qt::Checked) chosen.push_back(datasets_->item(row, NameColumn)->text().toStdString());
  if (datasets_->rowCount() > 0 && chosen.empty()) {
    status_->setText(tr("Check at least one dataset for the tokenizer to learn from."));
    status_->setStyleSheet(QStringLiteral("color: #c0392b"));
    return;
  }
  Project* project = studio_.project();
  ++measure_generation_;
  measure_->cancel();  // it reads the tokenizer file being replaced: ends at its next document
  measure_->wait();
  tokenizer_.reset();  // the file is replaced when training succeeds
  task_->start(tr("Training the tokenizer"), [project, options, chosen](BackgroundTask& task) {
    // SentencePiece reports no progress of its own; the bar moves while the datasets are re-tokenized.
    train_project_tokenizer(*project, options, [&task](std::uint64_t done, std::uint64_t total) { task.report(done, total); }, chosen);
    return tr("Tokenizer trained: %1 pieces. Every dataset was tokenized again.").arg(options.vocab_size);
  });
}

void TokenizerPage::load_tokenizer() {
  tokenizer_.reset();
  if (studio_.project() && studio_.project()->has_tokenizer()) {
    try {
      tokenizer_ = std::make_unique<Tokenizer>(Tokenizer::load(studio_.project()->tokenizer_model()));
    } catch (const std::exception& e) {
      status_->setText(error_text(e));
    }
  }
  update_current();
  update_view();
  datasets_->setRowCount(0);
  list_datasets();
}

void TokenizerPage::list_datasets() {
  ++measure_generation_;
  // The user's checks stay while the tokenizer does (a language switch, an import); a new tokenizer or
  // project shows what it learned from (load_tokenizer clears the rows first).
  QMap<QString, Qt::CheckState> chosen;
  for (int row = 0; row < datasets_->rowCount(); ++row)
    chosen.insert(datasets_->item(row, NameColumn)->text(), datasets_->item(row, NameColumn)->checkState());
  datasets_->setRowCount(0);
  Project* project = studio_.project();
  if (!project) return;
  std::vector<std::string> learned_from;
  try {
    learned_from = tokenizer_training_datasets(*project);
  } catch (const std::exception& e) {
    status_->setText(error_text(e));
  }
  const auto datasets = project->db().datasets();
  for (const auto& d : datasets) {
    const int row = datasets_->rowCount();
    datasets_->insertRow(row);
    auto* name = new QTableWidgetItem(QString::fromStdString(d.name));
    name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    // No tokenizer yet: the text datasets, as training takes by default.
    const bool learns = learned_from.empty() ? !is_dialogue_dataset(d)
                                             : std::find(learned_from.begin(), learned_from.end(), d.name) != learned_from.end();
    name->setCheckState(chosen.value(QString::fromStdString(d.name), learns ? Qt::Checked : Qt::Unchecked));
    datasets_->setItem(row, NameColumn, name);
    datasets_->setItem(row, KindColumn, new QTableWidgetItem(is_dialogue_dataset(d) ? tr("dialogues") : tr("text")));
    for (int column : {CharactersPerTokenColumn, ByteTokensColumn}) {
      auto* item = new QTableWidgetItem(tokenizer_ ? QStringLiteral("…") : QStringLiteral("—"));
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      datasets_->setItem(row, column, item);
    }
  }
  if (tokenizer_) measure();
}

void TokenizerPage::measure() {
  if (measure_->running()) {  // finishes soon once cancelled, then starts again
    measure_->cancel();
    measure_again_ = true;
    return;
  }
  if (!studio_.project() || !tokenizer_) return;
  const std::string folder = studio_.project()->folder(), model = tokenizer_->path();
  const int generation = measure_generation_;
  // Its own Project and Tokenizer: the studio's may be replaced or closed while this runs.
  measure_->start(tr("Measuring the datasets"), [this, folder, model, generation](BackgroundTask& task) {
    try {
      Project project = Project::open(folder);
      auto measures = measure_tokenization(project, Tokenizer::load(model), [&task](std::uint64_t done, std::uint64_t total) { task.report(done, total); });
      QMetaObject::invokeMethod(this, [this, generation, measures = std::move(measures)] {
        if (generation == measure_generation_) show_measures(measures);
      }, Qt::QueuedConnection);
    } catch (const Cancelled&) {
      throw;
    } catch (const std::exception& e) {  // a damaged dataset file: named where the tokenizer's messages go
      QMetaObject::invokeMethod(this, [this, generation, error = error_text(e)] {
        if (generation == measure_generation_) status_->setText(error);
      }, Qt::QueuedConnection);
    }
    return QString();
  });
}

void TokenizerPage::show_measures(const std::vector<DatasetTokenization>& measures) {
  for (const auto& m : measures)
    for (int row = 0; row < datasets_->rowCount(); ++row) {
      if (datasets_->item(row, NameColumn)->text() != QString::fromStdString(m.dataset)) continue;
      const bool measured = m.tokens > 0;
      datasets_->item(row, CharactersPerTokenColumn)->setText(measured ? QString::number(m.characters_per_token(), 'f', 2) : QStringLiteral("—"));
      datasets_->item(row, ByteTokensColumn)->setText(measured ? QString::number(100.0 * m.byte_token_share(), 'f', 1) + " %" : QStringLiteral("—"));
      const QString sample = m.dialogue ? tr("Measured on %1 characters of its messages.").arg(m.characters)
                             : m.held_out ? tr("Measured on %1 characters of held-out documents.").arg(m.characters)
                                          : tr("Measured on %1 characters of its documents (too few to hold any out).").arg(m.characters);
      for (int column : {CharactersPerTokenColumn, ByteTokensColumn}) datasets_->item(row, column)->setToolTip(sample);
    }
}

void TokenizerPage::update_current() {
  current_->setText(!tokenizer_ ? tr("This project has no tokenizer yet: train one (it takes seconds for the demo poems).")
                                : tr("Current tokenizer: %1 pieces (id %2).").arg(tokenizer_->vocab_size()).arg(QString::fromStdString(tokenizer_->hash())));
}

void TokenizerPage::set_text(const QString& text) { input_->setPlainText(text); }

void TokenizerPage::update_view() {
  shown_pieces_ = 0;
  if (!tokenizer_) {
    pieces_->setHtml(QString("<i>%1</i>").arg(tr("Train a tokenizer to see how it splits text.")));
    stats_->clear();
    return;
  }
  static const char* colors[] = {"#ffd6a5", "#caffbf", "#9bf6ff", "#bdb2ff", "#ffc6ff", "#fdffb6"};
  const QString text = input_->toPlainText();
  const auto ids = tokenizer_->encode(text.toStdString());
  QString html = QStringLiteral("<div style='line-height: 190%'>");
  for (size_t i = 0; i < ids.size(); ++i) {
    QString piece = QString::fromStdString(tokenizer_->piece(ids[i]));
    if (piece == "\n") piece = QStringLiteral("⏎");
    // A piece and its id stay on one line, lines break only between chips: Qt breaks wherever Unicode allows,
    // also between two Chinese characters and before the id (a chip was split over two lines), and ignores
    // white-space:nowrap on a span. A word joiner (U+2060) between code points forbids those breaks.
    QString joined;
    for (const uint code_point : piece.toUcs4()) joined += QString::fromUcs4(reinterpret_cast<const char32_t*>(&code_point), 1) + QChar(0x2060);
    html += QString("<span style='background:%1; color:#222'>&nbsp;%2<sub style='color:#555'>%3</sub>&nbsp;</span> ")
                .arg(colors[i % 6], joined.toHtmlEscaped())
                .arg(ids[i]);
  }
  html += "</div>";
  pieces_->setHtml(html);
  shown_pieces_ = int(ids.size());
  stats_->setText(tr("%1 characters → %2 tokens (%3 characters per token)")
                      .arg(text.size())
                      .arg(ids.size())
                      .arg(ids.empty() ? 0.0 : double(text.size()) / double(ids.size()), 0, 'f', 2));
}

void TokenizerPage::update_progress() {
  const bool busy = task_->running();
  progress_->setVisible(busy);
  train_->setEnabled(!busy && studio_.project());
  cancel_->setEnabled(busy);
  if (!busy) return;
  progress_->setMaximum(int(std::max<std::uint64_t>(1, task_->total())));
  progress_->setValue(int(task_->done()));
  status_->setStyleSheet(QString());
  status_->setText(task_->what() + "… " + format_eta(task_->eta_seconds()));
}

}  // namespace chattrain::ui
