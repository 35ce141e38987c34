// The churn of scn's `scn bench` in ns-3: clients open TCP connections to one server at Poisson
// arrival times, send a 300-byte request, read a 20 KiB response; the server answers and closes.
// Written for bench/compare.sh (issue 12): it times its own Simulator::Run() with a steady clock
// and prints one `bench-result` line of key=value fields, like `scn bench` does.
//
// Differences from scn's scenario, on purpose and stated in bench/README.md:
//  - every client is one node with one address (ns-3 users model a client population so); scn
//    draws each client from a /16 pool;
//  - the link has a bandwidth (1 Gb/s by default); scn has no bandwidth model, only a delay;
//  - there is no ipfw on the server (ns-3 has no ipfw);
//  - TCP is ns-3's TcpSocketBase with its default congestion control (NewReno), with the segment
//    size set to 1448 bytes (1460 minus the 12 bytes of timestamps), as scn's FreeBSD sends.
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>

using namespace ns3;

namespace
{

// Connections counted over the whole run.
struct Counters
{
    uint64_t started = 0;   // connect() called
    uint64_t answered = 0;  // the server sent its response and closed
    uint64_t completed = 0; // the client read the whole response
    uint64_t failed = 0;    // connect() failed
};

Counters g_count;

// CPU seconds of the calling thread: unlike wall time, not inflated by other processes' load.
double
ThreadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

// The server side: a listening socket; each accepted socket reads the request, writes the
// response in one Send (it fits the default 128 KiB send buffer) and closes.
class ChurnServer : public Application
{
  public:
    ChurnServer(uint16_t port, uint32_t request, uint32_t response)
        : m_port(port),
          m_request(request),
          m_response(response)
    {
    }

  private:
    void StartApplication() override
    {
        m_listen = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        m_listen->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
        m_listen->Listen();
        m_listen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&ChurnServer::Accepted, this));
    }

    void StopApplication() override
    {
        m_listen->Close();
    }

    void Accepted(Ptr<Socket> socket, const Address&)
    {
        m_received[socket] = 0;
        socket->SetRecvCallback(MakeCallback(&ChurnServer::Readable, this));
    }

    void Readable(Ptr<Socket> socket)
    {
        auto it = m_received.find(socket);
        Ptr<Packet> packet;
        while ((packet = socket->Recv()))
        {
            if (it != m_received.end())
            {
                it->second += packet->GetSize();
            }
        }
        if (it != m_received.end() && it->second >= m_request)
        {
            m_received.erase(it); // answer once; forget the socket
            socket->Send(Create<Packet>(m_response));
            socket->Close(); // FIN after the queued data
            g_count.answered++;
        }
    }

    uint16_t m_port;
    uint32_t m_request;
    uint32_t m_response;
    Ptr<Socket> m_listen;
    std::map<Ptr<Socket>, uint32_t> m_received;
};

// The client side: a Poisson process of connections from one node.
class ChurnClients : public Application
{
  public:
    ChurnClients(Address server, double rate, Time until, uint32_t request, uint32_t response)
        : m_server(server),
          m_until(until),
          m_request(request),
          m_response(response)
    {
        m_gap = CreateObject<ExponentialRandomVariable>();
        m_gap->SetAttribute("Mean", DoubleValue(1.0 / rate));
    }

  private:
    void StartApplication() override
    {
        ScheduleNext();
    }

    void StopApplication() override
    {
    }

    void ScheduleNext()
    {
        Time next = Simulator::Now() + Seconds(m_gap->GetValue());
        if (next < m_until)
        {
            Simulator::Schedule(next - Simulator::Now(), &ChurnClients::Open, this);
        }
    }

    void Open()
    {
        Ptr<Socket> socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        m_received[socket] = 0;
        socket->SetConnectCallback(MakeCallback(&ChurnClients::Connected, this),
                                   MakeCallback(&ChurnClients::Failed, this));
        socket->SetRecvCallback(MakeCallback(&ChurnClients::Readable, this));
        socket->SetCloseCallbacks(MakeCallback(&ChurnClients::PeerClosed, this),
                                  MakeCallback(&ChurnClients::PeerClosed, this));
        socket->Bind();
        socket->Connect(m_server);
        g_count.started++;
        ScheduleNext();
    }

    void Connected(Ptr<Socket> socket)
    {
        socket->Send(Create<Packet>(m_request));
    }

    void Failed(Ptr<Socket> socket)
    {
        g_count.failed++;
        m_received.erase(socket);
    }

    void Readable(Ptr<Socket> socket)
    {
        auto it = m_received.find(socket);
        Ptr<Packet> packet;
        while ((packet = socket->Recv()))
        {
            if (it != m_received.end())
            {
                it->second += packet->GetSize();
            }
        }
        if (it != m_received.end() && it->second >= m_response)
        {
            g_count.completed++;
            m_received.erase(it);
            socket->Close(); // the whole response read: close as a browser does
        }
    }

    // The server's FIN (or a reset): close our side if the response was short.
    void PeerClosed(Ptr<Socket> socket)
    {
        auto it = m_received.find(socket);
        if (it != m_received.end())
        {
            m_received.erase(it);
            socket->Close();
        }
    }

    Address m_server;
    Time m_until;
    uint32_t m_request;
    uint32_t m_response;
    Ptr<ExponentialRandomVariable> m_gap;
    std::map<Ptr<Socket>, uint32_t> m_received;
};

} // namespace

int
main(int argc, char* argv[])
{
    uint64_t connections = 4000;
    double rate = 50;
    std::string delay = "40ms";
    std::string bandwidth = "1Gbps";
    uint32_t request = 300;
    uint32_t response = 20 * 1024;
    double tail = 120; // seconds after the last arrival, as scn bench runs
    uint32_t seed = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("connections", "connections to open (arrivals during connections/rate seconds)", connections);
    cmd.AddValue("rate", "new connections per simulated second (Poisson)", rate);
    cmd.AddValue("delay", "one-way delay of the link", delay);
    cmd.AddValue("bandwidth", "data rate of the link", bandwidth);
    cmd.AddValue("request", "request bytes", request);
    cmd.AddValue("response", "response bytes", response);
    cmd.AddValue("tail", "simulated seconds after the last arrival", tail);
    cmd.AddValue("seed", "RNG run number", seed);
    cmd.Parse(argc, argv);

    auto setupStart = std::chrono::steady_clock::now();
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(seed);
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

    NodeContainer nodes;
    nodes.Create(2); // 0: the clients, 1: the server
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue(bandwidth));
    link.SetChannelAttribute("Delay", StringValue(delay));
    NetDeviceContainer devices = link.Install(nodes);
    InternetStackHelper stack;
    stack.Install(nodes);
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.1.0.0", "255.255.0.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

    double arrivals = static_cast<double>(connections) / rate;
    Ptr<ChurnServer> server = CreateObject<ChurnServer>(80, request, response);
    nodes.Get(1)->AddApplication(server);
    server->SetStartTime(Seconds(0));
    Ptr<ChurnClients> clients = CreateObject<ChurnClients>(
        InetSocketAddress(interfaces.GetAddress(1), 80), rate, Seconds(arrivals), request, response);
    nodes.Get(0)->AddApplication(clients);
    clients->SetStartTime(Seconds(0));
    Simulator::Stop(Seconds(arrivals + tail));
    auto setupEnd = std::chrono::steady_clock::now();

    auto loopStart = std::chrono::steady_clock::now();
    double cpuStart = ThreadCpuSeconds();
    Simulator::Run();
    double loopCpu = ThreadCpuSeconds() - cpuStart;
    auto loopEnd = std::chrono::steady_clock::now();
    uint64_t events = Simulator::GetEventCount();
    Simulator::Destroy();

    double loop = std::chrono::duration<double>(loopEnd - loopStart).count();
    double setup = std::chrono::duration<double>(setupEnd - setupStart).count();
    std::printf("ns-3 churn: %llu started, %llu answered, %llu completed, %llu failed; simulated %.0f s\n",
                (unsigned long long)g_count.started, (unsigned long long)g_count.answered,
                (unsigned long long)g_count.completed, (unsigned long long)g_count.failed, arrivals + tail);
    std::printf("events: %llu; Simulator::Run() %.3f s (CPU %.3f s) = %.0f events/s, %.0f connections/s;"
                " setup %.3f s\n",
                (unsigned long long)events, loop, loopCpu, events / loop, g_count.completed / loop, setup);
    std::printf("bench-result tool=ns-3 run=native connections=%llu events=%llu loop_seconds=%.6f"
                " loop_cpu_seconds=%.6f run_seconds=%.6f rate=%g delay=%s started=%llu\n",
                (unsigned long long)g_count.completed, (unsigned long long)events, loop, loopCpu, loop + setup,
                rate, delay.c_str(), (unsigned long long)g_count.started);
    return g_count.completed > 0 ? 0 : 1;
}
