using ChildCare.Core.Features.Notifications;
using Microsoft.Extensions.Options;

namespace ChildCare.Web.Hosting;

/// <summary>
/// Runs the e-mail job every <see cref="EmailOptions.IntervalMinutes"/> while an SMTP server is configured; with several
/// instances the job's advisory lock lets one run at a time (see <see cref="EmailJobService"/>). Between runs, a kick of the
/// <see cref="OutboxSignal"/> (an invitation was written) sends the outbox at once.
/// </summary>
internal sealed class EmailJob(IServiceScopeFactory scopeFactory, IOptions<EmailOptions> options, OutboxSignal signal, TimeProvider time, ILogger<EmailJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Smtp.Host))
        {
            logger.LogInformation("E-mail off: Email__Smtp__Host is empty");
            return;
        }
        var flushing = FlushOnSignalAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes)), time);
        var first = options.Value.RunAtStart;
        while (first || await timer.WaitForNextTickAsync(stoppingToken))
        {
            first = false;
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<EmailJobService>().RunAsync(stoppingToken);
                if (result.Queued + result.Sent + result.Failed > 0)
                    logger.LogInformation("E-mail job: {Queued} queued, {Sent} sent, {Failed} failed", result.Queued, result.Sent, result.Failed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "E-mail job failed; next run in {Minutes} min", options.Value.IntervalMinutes);
            }
        }
        await flushing;
    }

    private async Task FlushOnSignalAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(stoppingToken);
                await using var scope = scopeFactory.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<EmailJobService>().FlushAsync(stoppingToken);
                if (sent > 0) logger.LogInformation("Outbox sent at once: {Sent} e-mails", sent);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Sending the outbox at once failed; the e-mail job's next run retries");
            }
        }
    }
}
