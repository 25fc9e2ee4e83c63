using SerialCluster.Abstractions.Execution;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Reliability;
using SerialCluster.Grains.Tests.Placement;

namespace SerialCluster.Grains.Tests.Execution;

public sealed class RetryBookTests
{
    private readonly SiloSlot[] _silos = SiloSlots.Equal(2);
    private readonly TaskLedger _ledger = new(10);

    [Fact]
    public void RetriedTasksComeBackLowestFirstSkippingThoseCommittedMeanwhile()
    {
        var book = Book();
        book.Retry(5, new TimeoutException());
        book.Retry(2, new TimeoutException());
        book.Retry(7, new TimeoutException());
        Commit(5);
        Assert.True(book.TryTake(10, out var first));
        Assert.Equal(2, first);
        Assert.True(book.TryTake(10, out var second));
        Assert.Equal(7, second);
        Assert.False(book.TryTake(10, out _));
        Assert.Equal(3, _ledger.Retried);
    }

    [Fact]
    public void TasksAtOrPastTheLimitAreDropped()
    {
        var book = Book();
        book.Retry(8, new TimeoutException());
        Assert.False(book.TryTake(5, out _));
        Assert.Equal(0, book.Waiting);
    }

    [Fact]
    public void ATaskPastItsAllowedAttemptsFailsTheStageWithTheLastCause()
    {
        var book = Book(maxAttempts: 3);
        book.Retry(4, new TimeoutException("first"));
        book.Retry(4, new TimeoutException("second"));
        Assert.Equal(3, book.Attempts(4));
        var failed = Assert.Throws<InvalidOperationException>(() => book.Retry(4, new TimeoutException("boom")));
        Assert.Equal("task 4 of stage 1 failed on 3 attempts; the last: boom", failed.Message);
        Assert.IsType<TimeoutException>(failed.InnerException);
        Assert.Equal(2, _ledger.Retried);
    }

    [Fact]
    public void ABatchIsRetriedWithoutItsCommittedTasksAndComesBackInConsecutiveRuns()
    {
        var book = Book();
        Commit(3);
        book.RetryUncommitted(2, 3, new TimeoutException());
        book.RetryUncommitted(5, 2, new TimeoutException());
        Assert.Equal(4, _ledger.Retried);
        Assert.True(book.TryTake(10, out var first));
        Assert.Equal((2, 1), (first, book.TakeFollowing(first, 8)));
        Assert.True(book.TryTake(10, out var next));
        Assert.Equal((4, 2), (next, book.TakeFollowing(next, 2)));
        Assert.True(book.TryTake(10, out var last));
        Assert.Equal((6, 1), (last, book.TakeFollowing(last, 8)));
    }

    [Fact]
    public void ASiloIsLostOnceAndDeclaredDeadOnlyUntilItIsLost()
    {
        var book = Book(declaredDead: address => address.Equals(_silos[0].Address));
        Assert.True(book.IsGone(0));
        Assert.True(book.IsNewlyDead(0));
        Assert.False(book.IsGone(1));
        Assert.True(book.Lose(0));
        Assert.False(book.Lose(0));
        Assert.True(book.IsLost(0));
        Assert.True(book.IsGone(0));
        Assert.False(book.IsNewlyDead(0));
    }

    [Fact]
    public void TasksGoOnlyToSilosNotLostAndNoneLeftFailsTheStage()
    {
        var book = Book();
        book.Lose(0);
        Assert.Equal(1, book.PickSilo(0));
        Assert.Equal(1, book.PickSilo(1));
        book.Lose(1);
        Assert.Throws<SiloLostException>(() => book.PickSilo(0));
    }

    private RetryBook Book(int maxAttempts = 5, Func<SiloAddress, bool>? declaredDead = null) =>
        new(1, maxAttempts, _silos, _ledger, declaredDead ?? (_ => false));

    private void Commit(int task) => Assert.True(_ledger.Commit(task, new StageTaskOutcome([1], 0.5, "silo11111")));
}
