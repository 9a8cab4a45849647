using System.Net;
using HealthFunctions.Access;
using HealthFunctions.Errors;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HealthFunctions.Local;

/// <summary>
/// What the local runner adds to <see cref="AccessGuard"/>: paths with dot segments are refused before routing (as the
/// client sent them; Kestrel would otherwise normalize <c>/api/healthz/../accounts/x</c> into another route), and the
/// open mode refuses to start on a listener that is not loopback.
/// </summary>
public static class LocalAccess
{
    /// <summary>Adds the path check ahead of routing.</summary>
    public static WebApplication UseDotSegmentRefusal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            try
            {
                AccessGuard.CheckPath(context);
            }
            catch (RequestValidationException e)
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HealthFunctions.Local.Paths");
                await ProblemResults.For(e, context, logger).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        return app;
    }

    /// <summary>The listener addresses that are not loopback (a wildcard host counts as not loopback).</summary>
    public static IReadOnlyList<string> NonLoopback(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return [.. addresses.Where(a =>
        {
            var host = BindingAddress.Parse(a).Host;
            return !(host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
        })];
    }

    /// <summary>Once the server listens (after every hosted service started): in the open mode, fails the start-up when a listener is not loopback.</summary>
    public sealed class ListenerCheck(IServer server, AccessMode mode) : IHostedLifecycleService
    {
        /// <inheritdoc />
        public Task StartedAsync(CancellationToken cancellationToken)
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (mode.IsOpen && NonLoopback(addresses) is { Count: > 0 } open)
            {
                throw new InvalidOperationException(
                    $"The workspace is open (HealthFunctions__Auth__Mode = {AccessMode.LocalValue}, the local runner's default) and must listen on loopback only, not on {string.Join(", ", open)}. Listen on 127.0.0.1, or use {AccessMode.AppServiceValue} behind App Service authentication.");
            }

            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <inheritdoc />
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <inheritdoc />
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <inheritdoc />
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <inheritdoc />
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
