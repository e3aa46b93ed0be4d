"""Training loop, evaluation helpers and the command line, on small seeded runs."""

import numpy as np
import pytest

from cnnedu import nn
from cnnedu.data import load_mnist
from cnnedu.models import lenet5
from cnnedu.optim import SGD, Adam
from cnnedu.train import (
    SUBSET_RECIPE,
    History,
    confusion_matrix,
    evaluate,
    fit,
    main,
    predict,
    prepare_images,
    train_lenet5,
)
from cnnedu.weights import load_weights


@pytest.fixture(scope="module")
def digits():
    """512 shipped training digits and 200 test digits, ready for the network."""
    x_train, y_train, x_test, y_test = load_mnist()
    return prepare_images(x_train[:512]), y_train[:512], prepare_images(x_test[:200]), y_test[:200]


def run(digits, seed=0, epochs=2):
    x, y, xv, yv = digits
    model = lenet5(rng=seed)
    history = fit(
        model,
        x,
        y,
        epochs=epochs,
        batch_size=32,
        optimizer=Adam(model, lr=2e-3),
        x_val=xv,
        y_val=yv,
        rng=seed,
        progress=False,
    )
    return model, history


def test_loss_goes_down_and_accuracy_up(digits):
    _, history = run(digits)
    assert history.epochs == 2
    assert len(history.step_loss) == 2 * 16
    assert history.train_loss[1] < history.train_loss[0]
    assert history.train_acc[1] > history.train_acc[0]
    assert history.val_acc[1] > 0.6
    assert np.mean(history.step_loss[-4:]) < np.mean(history.step_loss[:4])


def test_same_seed_same_history_other_seed_other_history(digits):
    _, a = run(digits, seed=3, epochs=1)
    _, b = run(digits, seed=3, epochs=1)
    _, c = run(digits, seed=4, epochs=1)
    assert a == b
    assert a.step_loss != c.step_loss


def test_evaluate_and_predict_agree(digits):
    model, _ = run(digits, epochs=1)
    _, _, xv, yv = digits
    loss, acc = evaluate(model, xv, yv, batch_size=64)
    pred = predict(model, xv, batch_size=37)
    assert pred.dtype == np.int64 and pred.shape == (200,)
    assert acc == pytest.approx(np.mean(pred == yv))
    ce = nn.SoftmaxCrossEntropy()
    assert loss == pytest.approx(ce.forward(model.forward(xv), yv), rel=1e-5)


def test_fit_decays_the_learning_rate_and_calls_back(digits):
    x, y, _, _ = digits
    model = lenet5(rng=0)
    opt = SGD(model, lr=0.1, momentum=0.9)
    seen = []
    history = fit(
        model,
        x[:64],
        y[:64],
        epochs=2,
        batch_size=32,
        optimizer=opt,
        lr_decay=0.5,
        progress=False,
        callback=lambda epoch, h: seen.append((epoch, len(h.train_loss))),
    )
    assert opt.lr == pytest.approx(0.025)
    assert seen == [(1, 1), (2, 2)]
    assert history.val_acc == [] and history.val_loss == []


def test_fit_argument_errors(digits):
    x, y, _, _ = digits
    model = lenet5(rng=0)
    opt = Adam(model)
    with pytest.raises(TypeError, match="prepare_images"):
        fit(model, (x * 255).astype(np.uint8), y, epochs=1, optimizer=opt)
    with pytest.raises(ValueError, match="y_train"):
        fit(model, x, y[:10], epochs=1, optimizer=opt)
    with pytest.raises(TypeError, match="y_train"):
        fit(model, x, y.astype(float), epochs=1, optimizer=opt)
    with pytest.raises(ValueError, match="x_val and y_val"):
        fit(model, x, y, epochs=1, optimizer=opt, x_val=x)
    with pytest.raises(ValueError, match="batch_size"):
        fit(model, x, y, epochs=1, optimizer=opt, batch_size=0)
    with pytest.raises(ValueError, match="lr_decay"):
        fit(model, x, y, epochs=1, optimizer=opt, lr_decay=0)


def test_train_lenet5_uses_the_recipe_with_overrides(digits):
    x, y, _, _ = digits
    model, history = train_lenet5(x[:64], y[:64], progress=False, epochs=1, activation="tanh")
    assert isinstance(model["act1"], nn.Tanh) and history.epochs == 1
    with pytest.raises(TypeError, match="unknown recipe entries"):
        train_lenet5(x, y, learning_rate=0.1)
    assert set(SUBSET_RECIPE) >= {"optimizer", "lr", "batch_size", "epochs", "seed", "normalize"}


def test_history_is_a_plain_dataclass():
    h = History(train_loss=[1.0], train_acc=[0.5])
    assert h.epochs == 1 and h.as_dict()["train_acc"] == [0.5]


def test_prepare_images():
    raw = np.array([[[0, 255], [51, 102]]], dtype=np.uint8)
    out = prepare_images(raw)
    assert out.shape == (1, 1, 2, 2) and out.dtype == np.float32
    np.testing.assert_allclose(out[0, 0], [[0, 1], [0.2, 0.4]], rtol=1e-6)
    np.testing.assert_array_equal(prepare_images(raw[:, None]), out)
    normalized = prepare_images(raw, normalize=True)
    np.testing.assert_allclose(normalized, (out - 0.1307) / 0.3081, rtol=1e-6)
    with pytest.raises(ValueError, match=r"\(N, H, W\)"):
        prepare_images(np.zeros((2, 3, 28, 28), dtype=np.uint8))


def test_confusion_matrix_by_hand():
    y_true = np.array([0, 0, 1, 2, 2, 2])
    y_pred = np.array([0, 1, 1, 2, 0, 2])
    expected = np.array([[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    cm = confusion_matrix(y_true, y_pred, num_classes=3)
    np.testing.assert_array_equal(cm, expected)
    assert cm.dtype.kind == "i" and cm.sum() == 6
    assert confusion_matrix(y_true, y_pred).shape == (10, 10)
    with pytest.raises(ValueError, match="y_pred"):
        confusion_matrix(y_true, y_pred[:5], num_classes=3)
    with pytest.raises(ValueError, match="y_true"):
        confusion_matrix(np.array([3]), np.array([0]), num_classes=3)


def test_command_line_trains_saves_and_reloads(tmp_path, capsys):
    out = tmp_path / "w" / "lenet5.npz"
    status = main(
        ["--limit", "256", "--epochs", "1", "--out", str(out), "--no-progress", "--seed", "1"]
    )
    assert status == 0
    printed = capsys.readouterr().out
    assert (
        "epoch 1/1" in printed and "reloaded" in printed and "the same as before saving" in printed
    )
    metadata = load_weights(lenet5(rng=0), out)
    assert metadata["recipe"]["seed"] == 1 and metadata["train_images"] == 256
    assert metadata["command"].startswith("python -m cnnedu.train --limit 256")
    assert 0 <= metadata["test_accuracy"] <= 1


def test_command_line_help_and_bad_arguments(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "--batch-size" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["--epochs", "0"])
    assert exit_info.value.code == 2
    assert "--epochs must be at least 1" in capsys.readouterr().err


def test_command_line_reports_a_missing_data_folder(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "w.npz")])
    assert exit_info.value.code == 1
    assert "nowhere" in capsys.readouterr().err
    assert not (tmp_path / "w.npz").exists()


def test_progress_option_is_checked_and_text_bar_works(capsys):
    from cnnedu.models import lenet5
    from cnnedu.optim import SGD
    from cnnedu.train import fit

    rng = np.random.default_rng(0)
    x = rng.standard_normal((8, 1, 28, 28)).astype(np.float32)
    y = rng.integers(0, 10, 8)
    model = lenet5(rng=0)
    with pytest.raises(ValueError, match="progress must be True, False or 'text'"):
        fit(model, x, y, epochs=1, optimizer=SGD(model, lr=0.01), progress="widget")
    fit(model, x, y, epochs=1, batch_size=4, optimizer=SGD(model, lr=0.01), progress="text")
    assert "epoch 1/1" in capsys.readouterr().err
