"""fit(progress='notebook'): one live bar for the whole run, stored as one line of text in a notebook."""

import numpy as np
import pytest

from cnnedu import train
from cnnedu.models import lenet5
from cnnedu.optim import SGD


def _data():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((8, 1, 28, 28)).astype(np.float32)
    return x, rng.integers(0, 10, 8)


def _fit(progress, epochs=2):
    x, y = _data()
    model = lenet5(rng=0)
    optimizer = SGD(model, lr=0.01)
    history = train.fit(
        model, x, y, epochs=epochs, batch_size=4, optimizer=optimizer, x_val=x, y_val=y, rng=0, progress=progress
    )
    return model, history


def test_notebook_progress_outside_a_notebook_is_one_text_bar(capsys):
    _, history = _fit("notebook")
    err = capsys.readouterr().err
    assert "epoch 2/2" in err and "4/4" in err  # one bar over 2 epochs x 2 steps
    assert "0/2" not in err  # no per-epoch bars
    _, quiet = _fit(False)
    assert history.train_loss == quiet.train_loss  # the bar does not change the training


class _Handle:
    def __init__(self):
        self.updates = []

    def update(self, obj):
        self.updates.append(obj)


def test_notebook_progress_in_a_notebook_is_a_widget_replaced_by_text(monkeypatch):
    pytest.importorskip("ipywidgets")
    import IPython.display

    shown, handle = [], _Handle()

    def fake_display(obj, display_id=False):
        shown.append((obj, display_id))
        return handle

    monkeypatch.setattr(train, "_in_notebook", lambda: True)
    monkeypatch.setattr(IPython.display, "display", fake_display)
    _, history = _fit("notebook")
    assert len(shown) == 1 and shown[0][1] is True  # ONE widget, under a display id
    assert "HBox" in type(shown[0][0]).__name__  # tqdm's notebook bar (a widget)
    assert len(handle.updates) == 1  # replaced once, at the end, by plain text
    text = handle.updates[0].data
    assert text.startswith("trained 2 of 2 epochs in ") and "validation accuracy" in text
    assert f"{history.val_acc[-1]:.1%}" in text


def test_progress_choices_are_checked():
    with pytest.raises(ValueError, match="progress must be .*'notebook'.*got 'widget'"):
        _fit("widget", epochs=1)
    assert train._in_notebook() is False  # pytest is not a Jupyter kernel
