import threading

from app.ui.background_task import BackgroundTask


def test_result_arrives_on_the_ui_thread(qtbot):
    main = threading.get_ident()
    seen = {}

    def work(control):
        seen["worker"] = threading.get_ident()
        control.progress(1, 2)
        return 42

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        task.start()
    assert blocker.args == [42]
    assert seen["worker"] != main


def test_errors_and_cancel(qtbot):
    started = threading.Event()

    def work(control):
        started.set()
        while not control.cancelled():
            control.progress(1, 0)
        raise RuntimeError("stopped")

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
        assert started.wait(5)
        task.cancel()
    assert isinstance(blocker.args[0], RuntimeError)
    assert not task.running
