using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace HealthFunctions.Tests.Support;

/// <summary>A mocked FunctionContext the way the isolated worker hands it to middleware: the request's HttpContext, the function's name, the invocation result.</summary>
public static class WorkerContext
{
    /// <summary>A context for an invocation of <paramref name="functionName"/> carrying <paramref name="http"/> (null for a timer).</summary>
    public static (Mock<FunctionContext> Context, Features Features) Create(HttpContext? http, string functionName = "AnyFunction")
    {
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            items["HttpRequestContext"] = http; // where the ASP.NET Core integration keeps the request's HttpContext
        }

        var features = new Features();
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(functionName);
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(items);
        context.SetupGet(c => c.Features).Returns(features);
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        return (context, features);
    }

    /// <summary>
    /// The invocation's features. The worker keeps the invocation result behind an internal feature interface, which
    /// a DispatchProxy implements here so the public GetInvocationResult() extension works as in the worker.
    /// </summary>
    public sealed class Features : IInvocationFeatures
    {
        private static readonly Type BindingsFeature = typeof(FunctionContext).Assembly.GetTypes()
            .Single(t => t.IsInterface && t.Name == "IFunctionBindingsFeature");

        private readonly Dictionary<Type, object> _features = [];
        private readonly BindingsProxy _bindings;

        public Features()
        {
            var proxy = DispatchProxy.Create(BindingsFeature, typeof(BindingsProxy));
            _bindings = (BindingsProxy)proxy;
            _features[BindingsFeature] = proxy;
        }

        public object? InvocationResult => _bindings.InvocationResult;

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var f) ? (T)f : default;

        public void Set<T>(T instance) => _features[typeof(T)] = instance!;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Implements the bindings feature's InvocationResult property; nothing else is called by the middleware.</summary>
    public class BindingsProxy : DispatchProxy
    {
        public object? InvocationResult { get; private set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod?.Name)
            {
                case "get_InvocationResult":
                    return InvocationResult;
                case "set_InvocationResult":
                    InvocationResult = args![0];
                    return null;
                default:
                    throw new NotSupportedException($"{targetMethod?.Name} is not used by the middleware.");
            }
        }
    }
}
